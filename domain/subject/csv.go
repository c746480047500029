package subject

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sendqa/domain"
	"sendqa/domain/instrument"
)

// Limits of an import file.
const (
	MaxImportBytes = 16 << 20
	MaxImportRows  = 50_000
	maxCellLength  = 200
)

// Row is one valid row of an import file.
type Row struct {
	Line        int
	LocalID     string
	PrimaryNeed string
	SettingURN  string
	NCY         string
	IssuedOn    *time.Time
	Amended     *bool
	Services    []string
	Personal    Personal
}

// Rejection is one row of an import file that cannot be imported, with
// every reason. LocalID is what the row gave, possibly empty.
type Rejection struct {
	Line     int
	LocalID  string
	Problems []domain.FieldError
}

// Parsed is an import file read and checked row by row.
type Parsed struct {
	Rows     []Row
	Rejected []Rejection
	// Ignored lists header columns this import does not read.
	Ignored []string
}

// columns an import reads, with the names it also accepts for them.
var columnNames = map[string]string{
	"local_id": "local_id", "child_name": "child_name", "name": "child_name",
	"date_of_birth": "date_of_birth", "dob": "date_of_birth", "nhs_number": "nhs_number",
	"ncy": "ncy", "primary_need": "primary_need", "setting_urn": "setting_urn",
	"plan_issued_on": "issued_on", "issued_on": "issued_on", "amended": "amended",
	"contributing_services": "services", "services": "services",
}

var (
	localIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$`)
	urnPattern     = regexp.MustCompile(`^[0-9]{6,7}$`)
)

// ParseCSV reads a UTF-8 CSV file with a header row. Every data row is
// either kept or rejected with its physical line number and each reason;
// a file whose header cannot be used is refused whole. now is the day that
// dates may not be after.
func ParseCSV(data []byte, now time.Time) (Parsed, error) {
	if len(data) > MaxImportBytes {
		return Parsed{}, &domain.Error{Kind: domain.KindTooLarge,
			Message: fmt.Sprintf("the file is larger than %d MB", MaxImportBytes>>20)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true

	header, err := r.Read()
	if err != nil {
		return Parsed{}, domain.InvalidField("file", "the file has no header row; "+
			"the first row must name the columns, such as local_id")
	}
	header = slices.Clone(header)
	cols, ignored, err := readHeader(header)
	if err != nil {
		return Parsed{}, err
	}
	p := Parsed{Ignored: ignored}
	firstLine := map[string]int{}
	today := dateOf(now)
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if len(p.Rows)+len(p.Rejected) >= MaxImportRows {
			return Parsed{}, domain.InvalidField("file",
				fmt.Sprintf("the file has more than %d rows; split it into smaller files", MaxImportRows))
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			p.Rejected = append(p.Rejected, Rejection{Line: pe.StartLine, Problems: []domain.FieldError{
				{Field: "row", Message: "the row is not valid CSV: check its quotation marks"}}})
			continue
		}
		if err != nil {
			return Parsed{}, domain.InvalidField("file", "the file could not be read as CSV")
		}
		line, _ := r.FieldPos(0)
		row, rejection := readRow(record, cols, len(header), line, today)
		if rejection == nil {
			if first, seen := firstLine[strings.ToUpper(row.LocalID)]; seen {
				rejection = &Rejection{Line: line, LocalID: row.LocalID, Problems: []domain.FieldError{
					{Field: "local_id", Message: fmt.Sprintf("the local id %s is also on line %d; "+
						"each subject may appear once", row.LocalID, first)}}}
			} else {
				firstLine[strings.ToUpper(row.LocalID)] = line
			}
		}
		if rejection != nil {
			p.Rejected = append(p.Rejected, *rejection)
			continue
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

// readHeader maps each known column to its position.
func readHeader(header []string) (map[string]int, []string, error) {
	cols := map[string]int{}
	var ignored []string
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		canonical, known := columnNames[name]
		if !known {
			ignored = append(ignored, cleanCell(h))
			continue
		}
		if _, dup := cols[canonical]; dup {
			return nil, nil, domain.InvalidField("file",
				fmt.Sprintf("the header names the column %s twice", name))
		}
		cols[canonical] = i
	}
	if _, ok := cols["local_id"]; !ok {
		return nil, nil, domain.InvalidField("file",
			"the header has no local_id column; add the area's own id of each subject")
	}
	return cols, ignored, nil
}

// cleanCell makes a cell safe to show back: valid UTF-8 and not too long.
func cleanCell(s string) string {
	s = strings.ToValidUTF8(strings.TrimSpace(s), "?")
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "..."
	}
	return s
}

// readRow checks one data row.
func readRow(record []string, cols map[string]int, width, line int, today time.Time) (Row, *Rejection) {
	get := func(col string) string {
		i, ok := cols[col]
		if !ok || i >= len(record) {
			return ""
		}
		return strings.TrimSpace(record[i])
	}
	row := Row{Line: line, LocalID: get("local_id")}
	var probs domain.Problems
	if len(record) != width {
		probs.Add("row", "the row has %d columns; the header has %d", len(record), width)
		return row, reject(line, row.LocalID, probs)
	}
	for i, cell := range record {
		if !utf8.ValidString(cell) {
			probs.Add("row", "column %d is not UTF-8 text; save the file as CSV UTF-8", i+1)
			return row, reject(line, row.LocalID, probs)
		}
		if utf8.RuneCountInString(cell) > maxCellLength {
			probs.Add("row", "column %d is longer than %d characters", i+1, maxCellLength)
			return row, reject(line, row.LocalID, probs)
		}
	}

	switch {
	case row.LocalID == "":
		probs.Add("local_id", "enter the local id")
	case !localIDPattern.MatchString(row.LocalID):
		probs.Add("local_id", "use up to 40 letters, digits, /, _, . or -, starting with a letter or digit")
	}
	row.Personal.Name = get("child_name")
	row.Personal.DateOfBirth = checkDateOfBirth(&probs, get("date_of_birth"), today)
	if s := get("nhs_number"); s != "" {
		n, err := instrument.ParseNHSNumber(s)
		if err != nil {
			probs.Add("nhs_number", "the NHS number %s", err.Error())
		}
		row.Personal.NHSNumber = n
	}
	row.NCY = checkNCY(&probs, get("ncy"))
	row.PrimaryNeed = strings.ToUpper(get("primary_need"))
	if row.PrimaryNeed != "" && !slices.Contains(PrimaryNeeds, row.PrimaryNeed) {
		probs.Add("primary_need", "%s is not a primary need code; use one of %s",
			cleanCell(row.PrimaryNeed), strings.Join(PrimaryNeeds, ", "))
	}
	row.SettingURN = get("setting_urn")
	if row.SettingURN != "" && !urnPattern.MatchString(row.SettingURN) {
		probs.Add("setting_urn", "a URN is 6 or 7 digits")
	}
	row.IssuedOn = checkIssuedOn(&probs, get("issued_on"), today)
	row.Amended = checkYesNo(&probs, get("amended"))
	row.Services = splitServices(get("services"))

	if probs.Len() > 0 {
		return row, reject(line, row.LocalID, probs)
	}
	return row, nil
}

func reject(line int, localID string, probs domain.Problems) *Rejection {
	return &Rejection{Line: line, LocalID: cleanCell(localID), Problems: probs.List()}
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// parseDay reads YYYY-MM-DD, refusing dates that do not exist.
func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

func checkDateOfBirth(probs *domain.Problems, s string, today time.Time) string {
	if s == "" {
		return ""
	}
	t, ok := parseDay(s)
	switch {
	// The messages never repeat the date: it is a child's personal data,
	// and a preview keeps its messages in clear.
	case !ok:
		probs.Add("date_of_birth", "the date of birth is not a real date in the form YYYY-MM-DD")
	case t.After(today):
		probs.Add("date_of_birth", "the date of birth is in the future")
	case t.Before(today.AddDate(-26, 0, 0)):
		probs.Add("date_of_birth", "the date of birth is of someone over 25")
	default:
		return s
	}
	return ""
}

func checkIssuedOn(probs *domain.Problems, s string, today time.Time) *time.Time {
	if s == "" {
		return nil
	}
	t, ok := parseDay(s)
	switch {
	case !ok:
		probs.Add("issued_on", "%s is not a real date in the form YYYY-MM-DD", cleanCell(s))
	case t.After(today):
		probs.Add("issued_on", "the issue date %s is in the future", s)
	case t.Before(today.AddDate(-30, 0, 0)):
		probs.Add("issued_on", "the issue date %s is more than 30 years ago", s)
	default:
		return &t
	}
	return nil
}

func checkNCY(probs *domain.Problems, s string) string {
	switch up := strings.ToUpper(s); {
	case s == "":
		return ""
	case up == "N1" || up == "N2" || up == "R":
		return up
	case up == "POST-19":
		return "Post-19"
	default:
		if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 14 {
			return strconv.Itoa(n)
		}
	}
	probs.Add("ncy", "%s is not a national curriculum year; use N1, N2, R, 1 to 14 or Post-19", cleanCell(s))
	return ""
}

func checkYesNo(probs *domain.Problems, s string) *bool {
	switch strings.ToLower(s) {
	case "":
		return nil
	case "yes", "y", "true":
		v := true
		return &v
	case "no", "n", "false":
		v := false
		return &v
	}
	probs.Add("amended", "%s is not yes or no", cleanCell(s))
	return nil
}

// splitServices reads a ;-separated list, dropping blanks and repeats.
func splitServices(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";") {
		name := strings.TrimSpace(part)
		if name != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, name) }) {
			out = append(out, name)
		}
	}
	return out
}
