// Package demo holds the synthetic sample data that seed-demo loads and
// tests import: the Black Country tenants, the Wolverhampton settings
// register, EHC plan samples and the multi-agency auditor cohort. No real
// child, person or school is named in it.
package demo

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
)

//go:embed data/*.csv data/*.sql
var files embed.FS

// File returns the raw bytes of one sample file, such as
// "ehcp_sample_bad.csv".
func File(name string) ([]byte, error) {
	return files.ReadFile("data/" + name)
}

// Records reads a sample CSV file into maps keyed by its header.
func Records(name string) ([]map[string]string, error) {
	f, err := files.Open("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s header: %w", name, err)
	}
	var out []map[string]string
	for {
		row, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		rec := make(map[string]string, len(header))
		for i, h := range header {
			rec[h] = row[i]
		}
		out = append(out, rec)
	}
}
