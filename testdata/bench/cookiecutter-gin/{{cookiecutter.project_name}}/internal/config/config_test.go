package config

import "testing"

func TestFromEnv(t *testing.T) {
	tests := []struct {
		name, host, port string
		want             string
		wantErr          bool
	}{
		{name: "defaults", want: ":8080"},
		{name: "host and port", host: "127.0.0.1", port: "9000", want: "127.0.0.1:9000"},
		{name: "port not a number", port: "http", wantErr: true},
		{name: "port out of range", port: "70000", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("HOST", tt.host)
			t.Setenv("PORT", tt.port)
			cfg, err := FromEnv()
			if tt.wantErr {
				if err == nil {
					t.Fatalf("FromEnv() = %+v, want an error", cfg)
				}
				return
			}
			if err != nil {
				t.Fatalf("FromEnv() error: %v", err)
			}
			if got := cfg.Addr(); got != tt.want {
				t.Errorf("Addr() = %q, want %q", got, tt.want)
			}
		})
	}
}
