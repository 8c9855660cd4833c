// Package config reads the server's settings from the environment.
package config

import (
	"fmt"
	"net"
	"os"
	"strconv"
)

// Config holds everything the server needs to start.
type Config struct {
	// Host is the interface to listen on; empty means all interfaces.
	Host string
	// Port is the TCP port to listen on.
	Port int
}

// Addr is the listen address, host:port.
func (c Config) Addr() string {
	return net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
}

// FromEnv reads HOST and PORT, defaulting to all interfaces on port 8080.
func FromEnv() (Config, error) {
	cfg := Config{Host: os.Getenv("HOST"), Port: 8080}
	if v := os.Getenv("PORT"); v != "" {
		port, err := strconv.Atoi(v)
		if err != nil || port < 1 || port > 65535 {
			return Config{}, fmt.Errorf("PORT must be a number from 1 to 65535, got %q", v)
		}
		cfg.Port = port
	}
	return cfg, nil
}
