package subject

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
)

// ExportCSV writes the subjects that match f as CSV. With personal set
// (callers must hold personal_data read) it includes each child's name,
// date of birth and NHS number; without it the local id stands in for the
// child. Every subject exported gets a trail row. Any cell that a
// spreadsheet would run as a formula is written as text.
func (s Service) ExportCSV(ctx context.Context, f Filter, withPersonal bool, w io.Writer) error {
	subjects, err := s.Store.ListAllSubjects(ctx, f, maxExport)
	if err != nil {
		return err
	}
	header := []string{"local_id", "kind", "primary_need", "setting_urn", "setting_name", "setting_type",
		"ncy", "key_stage", "issued_on", "amended", "contributing_services"}
	if withPersonal {
		header = append(header, "child_name", "date_of_birth", "nhs_number")
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	events := make([]audit.Event, 0, len(subjects))
	for _, sub := range subjects {
		record := []string{sub.LocalID, string(sub.Kind), sub.PrimaryNeed, sub.SettingURN, sub.SettingName,
			sub.SettingType, sub.NCY, sub.KeyStage, day(sub.IssuedOn), yesNo(sub.Amended),
			strings.Join(sub.Services, ";")}
		if withPersonal {
			p, err := s.open(ctx, sub)
			if err != nil {
				return err
			}
			record = append(record, p.Name, p.DateOfBirth, p.NHSNumber)
		}
		if err := cw.Write(neutralise(record)); err != nil {
			return fmt.Errorf("write export: %w", err)
		}
		events = append(events, s.Trail.Event(ctx, audit.ActionExport, "subject", sub.ID, nil,
			map[string]any{"local_id": sub.LocalID, "personal": withPersonal && sub.HasPersonal()}))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write export: %w", err)
	}
	return s.Store.RecordEvents(ctx, events)
}

// neutralise makes every cell that starts like a formula (=, +, -, @, tab
// or carriage return) plain text for spreadsheets by prefixing an
// apostrophe, as OWASP advises against CSV injection.
func neutralise(record []string) []string {
	for i, cell := range record {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			record[i] = "'" + cell
		}
	}
	return record
}

func day(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(time.DateOnly)
}

func yesNo(b *bool) string {
	switch {
	case b == nil:
		return ""
	case *b:
		return "yes"
	}
	return "no"
}

// AccessRecord is everything sendqa holds about one child, for a subject
// access request.
type AccessRecord struct {
	Subject  Subject
	Personal Personal
	Rounds   []SubjectRound
	Trail    []audit.Event
}

// AccessExport gathers all of one child's data: the subject, their
// personal data in clear, the rounds they were sampled in and every trail
// row about them (with the sealed copies left out). It records the export
// in the trail. Callers must hold personal_data access_request. Returns
// domain.ErrNotFound.
func (s Service) AccessExport(ctx context.Context, id uuid.UUID, trail audit.Store) (AccessRecord, error) {
	sub, err := s.Store.FindSubject(ctx, id)
	if err != nil {
		return AccessRecord{}, err
	}
	p, err := s.open(ctx, sub)
	if err != nil {
		return AccessRecord{}, err
	}
	rec := AccessRecord{Subject: sub, Personal: p}
	if rec.Rounds, err = s.Store.ListSubjectRounds(ctx, id); err != nil {
		return AccessRecord{}, err
	}
	entity := "subject"
	for page := (domain.Page{Limit: domain.MaxPageLimit}); ; {
		list, err := trail.ListEvents(ctx, audit.Filter{Entity: &entity, EntityID: &id}, page)
		if err != nil {
			return AccessRecord{}, err
		}
		for _, e := range list.Items {
			delete(e.Before, "personal")
			delete(e.After, "personal")
			rec.Trail = append(rec.Trail, e)
		}
		if list.NextCursor == "" {
			break
		}
		page.Cursor = list.NextCursor
	}
	err = s.Trail.Record(ctx, audit.ActionExport, "subject", id, nil,
		map[string]any{"local_id": sub.LocalID, "subject_access_request": true})
	return rec, err
}
