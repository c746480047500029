package invite

import (
	"errors"
	"fmt"
	"testing"

	"sendqa/domain"
	"sendqa/domain/demo"
)

func TestParseInviteesReadsTheCohortFile(t *testing.T) {
	data, err := demo.File("auditor_cohort_wolverhampton.csv")
	if err != nil {
		t.Fatal(err)
	}
	who, err := ParseInvitees(data, domain.RoleAuditor)
	if err != nil {
		t.Fatal(err)
	}
	if len(who) != 20 {
		t.Fatalf("got %d invitees, want 20", len(who))
	}
	first := who[0]
	if first.Line != 2 || first.Name != "Ben Jones" || first.Email != "ben.jones0@wolverhampton.example.gov.uk" ||
		fmt.Sprint(first.Roles) != "[auditor]" || first.shape != "" {
		t.Fatalf("first row reads %+v", first)
	}
}

func TestParseInviteesColumnsAndRoles(t *testing.T) {
	data := "\uFEFF Email ,NAME,Roles\r\n" +
		"a@example.org,Ann,qa_lead; auditor\r\n" +
		"b@example.org,\"Bee, Jr\",\r\n" +
		"\"c@example.org\",\"Cee\nSecond line\",viewer,extra\r\n" +
		"d@example.org,Dee\r\n"
	who, err := ParseInvitees([]byte(data), domain.RoleViewer)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(who[0].Roles, who[1].Name, who[1].Roles, who[2].Line, who[3].Line)
	if want := "[qa_lead auditor]Bee, Jr[viewer] 4 6"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	if who[2].shape == "" || who[3].shape == "" || who[0].shape != "" {
		t.Fatalf("rows with the wrong number of columns are not marked: %+v", who)
	}
}

func TestParseInviteesRefusesWhatItCannotRead(t *testing.T) {
	for name, c := range map[string]struct {
		csv, field string
		role       domain.Role
	}{
		"empty":           {"", "file", domain.RoleAuditor},
		"no email column": {"name,mail\nA,a@example.org\n", "file", domain.RoleAuditor},
		"bad quoting":     {"name,email\nA,a@example.org\n\"B,b@example.org\n", "rows[3]", domain.RoleAuditor},
		"unknown default": {"name,email\n", "default_role", "pilot"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseInvitees([]byte(c.csv), c.role)
			var de *domain.Error
			if !errors.As(err, &de) || de.Kind != domain.KindInvalid || de.Fields[0].Field != c.field {
				t.Fatalf("got %v, want an invalid field %s", err, c.field)
			}
		})
	}
}

// FuzzParseInvitees: whatever the file holds, parsing never panics, and
// every invitee it returns has a line after the header and a role.
func FuzzParseInvitees(f *testing.F) {
	cohort, _ := demo.File("auditor_cohort_wolverhampton.csv")
	f.Add(cohort)
	f.Add([]byte("name,email,roles\nA,a@example.org,auditor;viewer\n"))
	f.Add([]byte("email,name\n\"a@\"\"x\",\"B\nC\"\n,\n"))
	f.Add([]byte("\uFEFFname,email\r\n=cmd|' /C calc'!A0,x@example.org\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		who, err := ParseInvitees(data, domain.RoleAuditor)
		if err != nil {
			var de *domain.Error
			if !errors.As(err, &de) || de.Kind != domain.KindInvalid {
				t.Fatalf("got %v, want only invalid-input errors", err)
			}
			return
		}
		for _, w := range who {
			if w.Line < 2 || len(w.Roles) == 0 {
				t.Fatalf("invitee %+v has no line after the header or no role", w)
			}
		}
	})
}
