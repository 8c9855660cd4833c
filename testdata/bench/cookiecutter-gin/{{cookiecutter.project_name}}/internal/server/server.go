// Package server wires the HTTP routes and the http.Server around them.
package server

import (
	"net/http"
	"time"

	"{{ cookiecutter.module }}/internal/config"
)

// New returns an http.Server with timeouts set, so slow clients cannot hold
// connections open forever.
func New(cfg config.Config) *http.Server {
	return &http.Server{
		Addr:              cfg.Addr(),
		Handler:           NewRouter(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       time.Minute,
	}
}
