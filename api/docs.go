package api

import (
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	echoSwagger "github.com/swaggo/echo-swagger"
)

// openAPIDocument serves the OpenAPI 3.0 description of this API.
//
//	@Summary	The OpenAPI 3.0 document
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	object
//	@Router		/api/openapi.json [get]
func (s *Server) openAPIDocument(c echo.Context) error {
	if len(s.openapi) == 0 {
		return newHTTPError(http.StatusNotFound, "the API document was not built into this binary")
	}
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, s.openapi)
}

var swaggerHandler = echoSwagger.EchoWrapHandler(echoSwagger.URL("/api/openapi.json"))

// swaggerUI serves Swagger UI over the document, for people exploring the
// API. Its own page needs inline script, so it gets a CSP of its own.
func (s *Server) swaggerUI(c echo.Context) error {
	if c.Request().URL.Path == "/api/docs" {
		return c.Redirect(http.StatusFound, "/api/docs/index.html")
	}
	return swaggerHandler(c)
}

func metricsHandler(reg *prometheus.Registry) http.Handler {
	if reg == nil {
		return promhttp.Handler()
	}
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg})
}
