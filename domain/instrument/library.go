package instrument

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed library/*.json
var libraryFiles embed.FS

// Library returns the built-in instruments, parsed and validated, in the
// order of their file names. Each call parses afresh, so callers may change
// what they get without touching anyone else's copy.
func Library() ([]Definition, error) {
	names, err := fs.Glob(libraryFiles, "library/*.json")
	if err != nil {
		return nil, fmt.Errorf("list library: %w", err)
	}

	defs := make([]Definition, 0, len(names))
	for _, name := range names {
		data, err := libraryFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		def, err := ParseDefinition(data)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		defs = append(defs, def)
	}
	return defs, nil
}
