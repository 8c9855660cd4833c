package server

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// NewRouter builds the gin engine with every route of the API.
func NewRouter() *gin.Engine {
	r := gin.New()
	r.Use(gin.Logger(), gin.Recovery())
	// Trust no proxy headers until a proxy is actually in front of us;
	// set the proxies' addresses here when one is.
	_ = r.SetTrustedProxies(nil)

	r.GET("/health", health)
	r.NoRoute(func(c *gin.Context) {
		c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
	})
	return r
}

// health reports that the server is up.
func health(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}
