package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// setETag sends a record's version as a strong entity tag.
func setETag(c echo.Context, version int) {
	c.Response().Header().Set("ETag", strconv.Quote(strconv.Itoa(version)))
}

// writeCreated answers 201 with a new record, its ETag and its address
// below the collection the request was sent to.
func writeCreated(c echo.Context, id fmt.Stringer, version int, body any) error {
	setETag(c, version)
	c.Response().Header().Set(echo.HeaderLocation, c.Request().URL.Path+"/"+id.String())
	return c.JSON(http.StatusCreated, body)
}

// ifMatch reads the version a client says it is changing. Without the
// header the request could silently overwrite someone else's change, so it
// is refused with 428.
func ifMatch(c echo.Context) (int, error) {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" {
		return 0, newHTTPError(http.StatusPreconditionRequired,
			"send If-Match with the ETag of the version you are changing")
	}
	v, err := strconv.Unquote(strings.TrimPrefix(h, "W/"))
	if err == nil {
		var n int
		if n, err = strconv.Atoi(v); err == nil && n > 0 {
			return n, nil
		}
	}
	return 0, newHTTPError(http.StatusPreconditionFailed,
		"If-Match does not name a version of this record; load it again")
}
