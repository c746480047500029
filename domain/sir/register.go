package sir

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/tenancy"
)

// Setting is a school, nursery or college of the register: one of the
// area's organisations with a URN.
type Setting struct {
	ID         uuid.UUID
	URN        string
	Name       string
	Phase      string
	Type       string
	ReportURL  string
	SENCOEmail string
	Archived   bool
	Version    int
}

// Phases a register row may give.
var Phases = []string{"Nursery", "Primary", "Secondary", "All-through", "Special",
	"Post-16", "College", "Alternative provision"}

// KindOf is the kind of organisation a setting of a phase is: a school,
// or another setting for nurseries, post-16 and colleges.
func KindOf(phase string) tenancy.OrganisationKind {
	switch phase {
	case "Nursery", "Post-16", "College":
		return tenancy.KindSetting
	}
	return tenancy.KindSchool
}

// Limits of a register file.
const (
	MaxRegisterBytes = 4 << 20
	MaxRegisterRows  = 10_000
	maxCell          = 500
)

// RegisterRow is one valid row of a register file.
type RegisterRow struct {
	Line       int
	URN        string
	Name       string
	Phase      string
	Type       string
	ReportURL  string
	SENCOEmail string
}

// Rejection is one row a register import will not take, with every
// reason. URN is what the row gave, possibly empty.
type Rejection struct {
	Line     int
	URN      string
	Problems []domain.FieldError
}

// ParsedRegister is a register file read and checked row by row.
type ParsedRegister struct {
	Rows     []RegisterRow
	Rejected []Rejection
	Ignored  []string
}

var registerColumns = map[string]string{
	"urn": "urn", "name": "name", "setting_name": "name", "school_name": "name",
	"phase": "phase", "type": "type", "setting_type": "type",
	"sir_url": "sir_url", "report_url": "sir_url", "senco_email": "senco_email",
}

var urnPattern = regexp.MustCompile(`^[0-9]{6,7}$`)

// ParseRegister reads a UTF-8 CSV register with a header row naming at
// least urn and name. Every data row is kept or rejected with its line
// and each reason; a file whose header cannot be used is refused whole.
func ParseRegister(data []byte) (ParsedRegister, error) {
	if len(data) > MaxRegisterBytes {
		return ParsedRegister{}, &domain.Error{Kind: domain.KindTooLarge,
			Message: fmt.Sprintf("the file is larger than %d MB", MaxRegisterBytes>>20)}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return ParsedRegister{}, domain.InvalidField("file", "the file has no header row; "+
			"the first row must name the columns, such as urn and name")
	}
	cols := map[string]int{}
	var out ParsedRegister
	for i, h := range header {
		name, known := registerColumns[strings.ToLower(strings.TrimSpace(h))]
		if !known {
			out.Ignored = append(out.Ignored, strings.ToValidUTF8(strings.TrimSpace(h), "?"))
			continue
		}
		if _, dup := cols[name]; dup {
			return ParsedRegister{}, domain.InvalidField("file",
				"the header names the column "+name+" twice")
		}
		cols[name] = i
	}
	for _, need := range []string{"urn", "name"} {
		if _, ok := cols[need]; !ok {
			return ParsedRegister{}, domain.InvalidField("file",
				"the header has no "+need+" column")
		}
	}

	first := map[string]int{}
	for {
		record, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if len(out.Rows)+len(out.Rejected) >= MaxRegisterRows {
			return ParsedRegister{}, domain.InvalidField("file",
				fmt.Sprintf("the file has more than %d rows", MaxRegisterRows))
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			out.Rejected = append(out.Rejected, Rejection{Line: pe.StartLine,
				Problems: []domain.FieldError{{Field: "row",
					Message: "the row is not valid CSV: check its quotation marks"}}})
			continue
		}
		if err != nil {
			return ParsedRegister{}, domain.InvalidField("file", "the file could not be read as CSV")
		}
		line, _ := r.FieldPos(0)
		row, rej := readRegisterRow(record, cols, len(header), line)
		if rej == nil {
			if at, seen := first[row.URN]; seen {
				msg := fmt.Sprintf("the URN %s is also on line %d; each setting may appear once",
					row.URN, at)
				rej = &Rejection{Line: line, URN: row.URN,
					Problems: []domain.FieldError{{Field: "urn", Message: msg}}}
			} else {
				first[row.URN] = line
			}
		}
		if rej != nil {
			out.Rejected = append(out.Rejected, *rej)
			continue
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

func readRegisterRow(
	record []string,
	cols map[string]int,
	width,
	line int,
) (RegisterRow, *Rejection) {
	get := func(col string) string {
		i, ok := cols[col]
		if !ok || i >= len(record) {
			return ""
		}
		return strings.TrimSpace(record[i])
	}
	row := RegisterRow{Line: line, URN: get("urn")}
	var p domain.Problems
	reject := func() (RegisterRow, *Rejection) {
		return row, &Rejection{Line: line, URN: shown(row.URN), Problems: p.List()}
	}
	if len(record) != width {
		p.Add("row", "the row has %d columns; the header has %d", len(record), width)
		return reject()
	}
	for i, cell := range record {
		if !utf8.ValidString(cell) {
			p.Add("row", "column %d is not UTF-8 text; save the file as CSV UTF-8", i+1)
			return reject()
		}
		if utf8.RuneCountInString(cell) > maxCell {
			p.Add("row", "column %d is longer than %d characters", i+1, maxCell)
			return reject()
		}
	}

	row.Name, row.Phase, row.Type = get("name"), get("phase"), get("type")
	row.ReportURL, row.SENCOEmail = get("sir_url"), get("senco_email")
	if !urnPattern.MatchString(row.URN) {
		p.Add("urn", "enter the setting's unique reference number, 6 or 7 digits")
	}
	tenancy.CheckName(&p, "name", row.Name)
	if row.Phase != "" && !slices.Contains(Phases, row.Phase) {
		p.Add("phase", "use one of: %s", strings.Join(Phases, ", "))
	}
	if len([]rune(row.Type)) > 100 {
		p.Add("type", "use 100 characters or fewer")
	}
	if row.ReportURL != "" {
		checkURL(&p, "sir_url", row.ReportURL)
	}
	if row.SENCOEmail != "" {
		tenancy.CheckEmail(&p, "senco_email", row.SENCOEmail)
	}
	if p.Len() > 0 {
		return reject()
	}
	return row, nil
}

// shown keeps what a row gave as its URN short enough to show back.
func shown(s string) string {
	s = strings.ToValidUTF8(s, "?")
	if r := []rune(s); len(r) > 20 {
		return string(r[:20]) + "..."
	}
	return s
}

func checkURL(p *domain.Problems, field, s string) {
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") ||
		len(s) > 500 || strings.ContainsAny(s, " \t\r\n") {
		p.Add(field, "enter a web address starting with https://")
	}
}

// RegisterImport is a register file checked and waiting to be confirmed.
type RegisterImport struct {
	ID                   uuid.UUID
	FileName             string
	State                ImportState
	Total                int
	New, Updated, Same   int
	Rows                 []RegisterRow
	Rejected             []Rejection
	Ignored              []string
	CreatedBy            uuid.UUID
	CreatedAt, ExpiresAt time.Time
	ConfirmedAt          *time.Time
}

// ImportState is where an import is.
type ImportState string

// Import states.
const (
	ImportPreviewed ImportState = "previewed"
	ImportConfirmed ImportState = "confirmed"
)

const importLifetime = 24 * time.Hour

// differs reports whether a register row would change a setting.
func (r RegisterRow) differs(s Setting) bool {
	return r.Name != s.Name || r.Phase != s.Phase || r.Type != s.Type ||
		r.ReportURL != s.ReportURL || r.SENCOEmail != s.SENCOEmail || s.Archived
}
