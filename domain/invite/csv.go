package invite

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"sendqa/domain"
)

// MaxImportRows bounds one import, so that a single request stays quick
// and its mail stays reviewable.
const MaxImportRows = 2000

// ParseInvitees reads a CSV file of people to invite. Its header names the
// columns: name and email are required, roles is optional and holds roles
// separated by ";"; other columns (job title, service) are ignored. A row
// without roles gets defaultRole. Each invitee keeps the line it started
// on, the header being line 1, for reporting. It returns domain.ErrInvalid
// only for a file it cannot read as a whole; rows are checked on import.
func ParseInvitees(data []byte, defaultRole domain.Role) ([]Invitee, error) {
	if !defaultRole.Valid() {
		return nil, domain.InvalidField("default_role", fmt.Sprintf("%q is not a role", string(defaultRole)))
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF")) // spreadsheets often start UTF-8 with a BOM
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.ReuseRecord = true

	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, domain.InvalidField("file", "the file is empty; the first line must name the columns")
	}
	if err != nil {
		return nil, unreadable(err)
	}
	columns := map[string]int{}
	for i, h := range header {
		columns[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var missing []string
	for _, want := range []string{"name", "email"} {
		if _, ok := columns[want]; !ok {
			missing = append(missing, want)
		}
	}
	if len(missing) > 0 {
		return nil, domain.InvalidField("file", "the first line must name the columns; "+
			"it lacks "+strings.Join(missing, " and "))
	}
	width := len(header)
	rolesAt, hasRoles := columns["roles"]

	var (
		out  []Invitee
		cell = func(row []string, i int) string {
			if i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
	)
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, unreadable(err)
		}
		line, _ := r.FieldPos(0)
		if len(out) >= MaxImportRows {
			return nil, domain.InvalidField("file",
				fmt.Sprintf("import at most %d people at a time; split the file", MaxImportRows))
		}
		w := Invitee{Line: line, Name: cell(row, columns["name"]), Email: cell(row, columns["email"])}
		if len(row) != width {
			w.shape = fmt.Sprintf("has %d columns but the first line names %d", len(row), width)
		}
		if hasRoles && cell(row, rolesAt) != "" {
			for _, role := range strings.Split(cell(row, rolesAt), ";") {
				if role = strings.TrimSpace(role); role != "" {
					w.Roles = append(w.Roles, domain.Role(role))
				}
			}
		}
		if len(w.Roles) == 0 {
			w.Roles = []domain.Role{defaultRole}
		}
		out = append(out, w)
	}
	return out, nil
}

// unreadable explains a CSV syntax error by its line, without Go's text.
func unreadable(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return domain.InvalidField(domain.Path("rows", pe.StartLine),
			fmt.Sprintf("line %d: the file is not valid CSV here; check the quotation marks", pe.StartLine))
	}
	return domain.InvalidField("file", "the file could not be read as CSV")
}
