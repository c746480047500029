// Package migrations holds sendqa's versioned SQL schema, embedded in the
// binary and applied in order by goose, one transaction per file.
package migrations

import "embed"

// FS holds the numbered migration files.
//
//go:embed *.sql
var FS embed.FS
