package triangulation

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
)

// Limits of a findings file.
const (
	MaxImportBytes = 4 << 20
	MaxImportRows  = 5_000
)

// ImportColumns are the columns a findings file holds, in any order:
// theme (a theme's name), source (a kind code such as parent_carer_forum
// or its label), polarity (strength, or development / area for
// development), finding, date (YYYY-MM-DD or DD/MM/YYYY) and, optionally,
// where (the meeting, survey or complaint it came from).
var ImportColumns = []string{"theme", "source", "polarity", "finding", "date", "where"}

// ParseImport reads a findings file against the area's themes. Every
// problem is reported with its row ("rows[2].theme", counting data rows
// from 1) and nothing is returned unless every row is good, so that an
// import saves all of a file or none of it. Only the sources whose
// findings are entered may be imported.
func ParseImport(data []byte, themes []Theme) ([]Finding, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err != nil {
		return nil, domain.InvalidField("file", "the file is empty or not CSV")
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var p domain.Problems
	for _, need := range ImportColumns[:5] {
		if _, ok := col[need]; !ok {
			p.Add("file", "the header needs a %s column", need)
		}
	}
	if p.Len() > 0 {
		return nil, p.Err()
	}
	byName := map[string]Theme{}
	for _, t := range themes {
		byName[strings.ToLower(strings.TrimSpace(t.Name))] = t
	}
	var out []Finding
	for n := 1; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			p.Add(domain.Path("rows", n), "the row is not valid CSV")
			break
		}
		if n > MaxImportRows {
			p.Add("file", "a file may hold at most %d findings", MaxImportRows)
			break
		}
		cell := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		f, probs := parseRow(cell, byName)
		for _, fe := range probs {
			p.Add(domain.Path("rows", n)+"."+fe.Field, "%s", fe.Message)
		}
		out = append(out, f)
	}
	if p.Len() > 0 {
		return nil, p.Err()
	}
	if len(out) == 0 {
		return nil, domain.InvalidField("file", "the file holds no findings")
	}
	return out, nil
}

func parseRow(cell func(string) string, themes map[string]Theme) (Finding, []domain.FieldError) {
	var probs []domain.FieldError
	add := func(field, msg string) {
		probs = append(probs, domain.FieldError{Field: field, Message: msg})
	}
	f := Finding{Origin: Imported, SourceLabel: cell("where"), Body: cell("finding")}
	if t, ok := themes[strings.ToLower(cell("theme"))]; ok && !t.Archived {
		f.ThemeID, f.ThemeName = t.ID, t.Name
	} else {
		add("theme", "name one of the area's themes")
	}
	if s, ok := enteredSource(cell("source")); ok {
		f.SourceKind = s
	} else {
		add("source", "name a source whose findings are entered, such as parent_carer_forum")
	}
	switch strings.ToLower(cell("polarity")) {
	case "strength":
		f.Polarity = Strength
	case "development", "area for development":
		f.Polarity = Development
	default:
		add("polarity", "say strength or area for development")
	}
	if f.Body == "" || len([]rune(f.Body)) > 4000 {
		add("finding", "enter the finding, up to 4,000 characters")
	}
	if len([]rune(f.SourceLabel)) > 300 {
		add("where", "keep where it was found to 300 characters")
	}
	date, err := parseDay(cell("date"))
	if err != nil {
		add("date", "enter the date as YYYY-MM-DD or DD/MM/YYYY")
	}
	f.FoundOn = date
	f.ID = uuid.New()
	return f, probs
}

func enteredSource(v string) (SourceKind, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	for _, s := range Sources {
		if s.Entered && (string(s.Kind) == v || strings.ToLower(s.Label) == v) {
			return s.Kind, true
		}
	}
	return "", false
}

func parseDay(v string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	return time.Parse("02/01/2006", v)
}
