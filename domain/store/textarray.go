package store

import (
	"database/sql/driver"
	"fmt"
	"strings"
)

// textArray is a PostgreSQL text[] passed and read in its literal form,
// which keeps GORM from expanding a Go slice into a list of parameters.
type textArray []string

// Value writes the array literal with every element quoted.
func (a textArray) Value() (driver.Value, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s))
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String(), nil
}

// Scan reads a one-dimensional array literal as PostgreSQL writes it.
func (a *textArray) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*a = nil
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("scan text[]: unexpected %T", src)
	}
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return fmt.Errorf("scan text[]: not an array literal")
	}
	out := textArray{}
	body := s[1 : len(s)-1]
	for i := 0; i < len(body); {
		var elem strings.Builder
		if body[i] == '"' {
			i++
			for i < len(body) && body[i] != '"' {
				if body[i] == '\\' && i+1 < len(body) {
					i++
				}
				elem.WriteByte(body[i])
				i++
			}
			i++ // closing quote
		} else {
			j := strings.IndexByte(body[i:], ',')
			if j < 0 {
				j = len(body) - i
			}
			elem.WriteString(body[i : i+j])
			i += j
		}
		out = append(out, elem.String())
		i++ // comma
	}
	*a = out
	return nil
}
