package subject_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sendqa/domain/demo"
	"sendqa/domain/subject"
)

// today is the day the sample files were checked against.
var today = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

func mustParse(t testing.TB, file string) subject.Parsed {
	t.Helper()
	data, err := demo.File(file)
	if err != nil {
		t.Fatal(err)
	}
	p, err := subject.ParseCSV(data, today)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	return p
}

func TestTheWolverhamptonSampleImportsWhole(t *testing.T) {
	p := mustParse(t, "ehcp_sample_wolverhampton.csv")
	if len(p.Rows) != 48 || len(p.Rejected) != 0 {
		t.Fatalf("got %d rows and %d rejected (%+v), want 48 and 0", len(p.Rows), len(p.Rejected), p.Rejected)
	}
	first := p.Rows[0]
	if first.LocalID != "WV700000" || first.Line != 2 || first.NCY != "R" || first.PrimaryNeed != "MSI" ||
		first.Personal.Name != "Freya Owen" || first.Personal.DateOfBirth != "2022-11-12" ||
		len(first.Services) != 3 || first.Services[1] != "Sensory Inclusion Service" {
		t.Fatalf("first row read as %+v", first)
	}
}

func TestTheBadSampleRejectsExactlyTheWrongRows(t *testing.T) {
	p := mustParse(t, "ehcp_sample_bad.csv")
	want := map[int]string{
		2: "date_of_birth", // 30 February
		3: "local_id",      // missing
		4: "date_of_birth", // in the future
		5: "primary_need",  // NOTANEED (and "maybe" for amended)
		7: "local_id",      // WV5 again
		9: "row",           // too many columns
	}
	got := map[int]string{}
	for _, r := range p.Rejected {
		got[r.Line] = r.Problems[0].Field
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("rejected lines and first fields:\n got  %v\n want %v", got, want)
	}
	var kept []string
	for _, r := range p.Rows {
		kept = append(kept, r.LocalID)
	}
	if !slices.Equal(kept, []string{"WV5", "WV7"}) {
		t.Fatalf("kept %v, want the SQL-looking and formula-looking rows WV5 and WV7", kept)
	}
	if p.Rows[0].Personal.Name != "Robert'); DROP TABLE subjects;--" ||
		p.Rows[1].Personal.Name != `=HYPERLINK("http://x.example","click")` {
		t.Fatalf("hostile-looking names were not kept as text: %q, %q",
			p.Rows[0].Personal.Name, p.Rows[1].Personal.Name)
	}
	for _, r := range p.Rejected {
		if r.Line == 5 && len(r.Problems) != 2 {
			t.Errorf("line 5 has %d problems, want 2 (primary need and amended): %+v", len(r.Problems), r.Problems)
		}
		if r.Line == 7 && !strings.Contains(r.Problems[0].Message, "line 6") {
			t.Errorf("the duplicate does not point at its first line: %q", r.Problems[0].Message)
		}
	}
}

func TestNHSNumbersAreCheckedByTheirCheckDigit(t *testing.T) {
	csv := "local_id,nhs_number\nA1,943 476 5919\nA2,9434765918\nA3,12345\nA4,\n"
	p, err := subject.ParseCSV([]byte(csv), today)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 2 || p.Rows[0].Personal.NHSNumber != "9434765919" || p.Rows[1].Personal.NHSNumber != "" {
		t.Fatalf("kept %+v, want A1 with 9434765919 and A4 without a number", p.Rows)
	}
	if len(p.Rejected) != 2 || !strings.Contains(p.Rejected[0].Problems[0].Message, "check digit") ||
		!strings.Contains(p.Rejected[1].Problems[0].Message, "10 digits") {
		t.Fatalf("rejected %+v, want A2 for its check digit and A3 for its length", p.Rejected)
	}
}

func TestAFileWithoutALocalIDColumnIsRefusedWhole(t *testing.T) {
	for name, csv := range map[string]string{
		"no local id": "name,dob\nA,2010-01-01\n",
		"empty":       "",
		"twice":       "local_id,LOCAL_ID\nA,B\n",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := subject.ParseCSV([]byte(csv), today); err == nil {
				t.Fatal("got no error")
			}
		})
	}
}

func TestKeyStages(t *testing.T) {
	for ncy, want := range map[string]string{"R": "EYFS", "2": "KS1", "6": "KS2", "9": "KS3",
		"11": "KS4", "13": "post_16", "Post-19": "post_19", "": ""} {
		if got := subject.KeyStageOf(ncy); got != want {
			t.Errorf("KeyStageOf(%q) = %q, want %q", ncy, got, want)
		}
	}
}

// FuzzParseCSV checks that any file is either refused whole or split into
// kept and rejected rows without a panic, and that kept rows obey the
// rules.
func FuzzParseCSV(f *testing.F) {
	for _, name := range []string{"ehcp_sample_wolverhampton.csv", "ehcp_sample_bad.csv"} {
		data, err := demo.File(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("local_id,nhs_number,ncy\n\"A\"\"1,943 476 5919,R\nB,\"x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := subject.ParseCSV(data, today)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, r := range p.Rows {
			id := strings.ToUpper(r.LocalID)
			if r.LocalID == "" || seen[id] {
				t.Fatalf("kept an empty or repeated local id %q", r.LocalID)
			}
			seen[id] = true
			if r.Line < 2 {
				t.Fatalf("kept row on line %d", r.Line)
			}
		}
		for _, r := range p.Rejected {
			if len(r.Problems) == 0 {
				t.Fatalf("line %d rejected without a reason", r.Line)
			}
		}
	})
}
