package input

import (
	"errors"
	"fmt"
	"testing"
)

func TestClosest(t *testing.T) {
	names := []string{"django", "express", "flask", "gin", "koa", "laravel", "rails", "spring-boot"}
	tests := map[string]string{"gni": "gin", "jango": "django", "expres": "express", "springboot": "spring-boot", "ko": "koa", "xyz": "", "rust": ""}
	for in, want := range tests {
		if got := Closest(in, names); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIs(t *testing.T) {
	err := Errorf("bad %s", "name")
	if !Is(err) || err.Error() != "bad name" {
		t.Errorf("Errorf: %v, Is = %v", err, Is(err))
	}
	if wrapped := fmt.Errorf("context: %w", err); !Is(wrapped) {
		t.Error("Is does not see a wrapped Error")
	}
	if Is(errors.New("disk full")) {
		t.Error("Is takes a plain error for an input error")
	}
}
