package instrument

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		err  error
	}{
		{"2025-03-01", Date{2025, time.March, 1}, nil},
		{"2024-02-29", Date{2024, time.February, 29}, nil},
		{"2000-02-29", Date{2000, time.February, 29}, nil},
		{"0001-01-01", Date{1, time.January, 1}, nil},
		{"9999-12-31", Date{9999, time.December, 31}, nil},
		{"2025-02-29", Date{}, ErrDateUnreal},
		{"1900-02-29", Date{}, ErrDateUnreal},
		{"2025-04-31", Date{}, ErrDateUnreal},
		{"2025-13-01", Date{}, ErrDateUnreal},
		{"2025-00-10", Date{}, ErrDateUnreal},
		{"2025-01-00", Date{}, ErrDateUnreal},
		{"0000-01-01", Date{}, ErrDateUnreal},
		{"2025-1-01", Date{}, ErrDateFormat},
		{"25-01-01", Date{}, ErrDateFormat},
		{"2025/01/01", Date{}, ErrDateFormat},
		{"2025-01-01T00:00:00Z", Date{}, ErrDateFormat},
		{" 2025-01-01", Date{}, ErrDateFormat},
		{"+025-01-01", Date{}, ErrDateFormat},
		{"2025-+1-01", Date{}, ErrDateFormat},
		{"01/02/2025", Date{}, ErrDateFormat},
		{"", Date{}, ErrDateFormat},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if !errors.Is(err, tc.err) {
				t.Fatalf("error: got %v, want %v", err, tc.err)
			}
			if got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if err == nil && got.String() != tc.in {
				t.Errorf("String: got %q, want %q", got.String(), tc.in)
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		name string
		got  Date
		want string
	}{
		{"add days across a month", mustDate(t, "2025-01-30").AddDays(3), "2025-02-02"},
		{"subtract days", mustDate(t, "2025-03-01").AddDays(-1), "2025-02-28"},
		{"add a month to the 31st clamps", mustDate(t, "2025-01-31").AddMonths(1), "2025-02-28"},
		{"add a month in a leap year", mustDate(t, "2024-01-31").AddMonths(1), "2024-02-29"},
		{"add twelve months from a leap day", mustDate(t, "2024-02-29").AddMonths(12), "2025-02-28"},
		{"subtract months across a year", mustDate(t, "2025-01-15").AddMonths(-2), "2024-11-15"},
		{"six weeks", Offset(mustDate(t, "2025-01-06"), 6, UnitWeeks), "2025-02-17"},
		{"two weeks before", Offset(mustDate(t, "2025-06-20"), -2, UnitWeeks), "2025-06-06"},
		{"twelve months", Offset(mustDate(t, "2024-07-01"), 12, UnitMonths), "2025-07-01"},
		{"ten days", Offset(mustDate(t, "2025-12-25"), 10, UnitDays), "2026-01-04"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got.String() != tc.want {
				t.Errorf("got %s, want %s", tc.got, tc.want)
			}
		})
	}
}

func TestDateOfUsesTheTimesOwnZone(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skipf("no zone data: %v", err)
	}
	// 23:30 UTC on 30 June is already 1 July in London (BST).
	got := DateOf(time.Date(2025, 6, 30, 23, 30, 0, 0, time.UTC).In(london))
	if got.String() != "2025-07-01" {
		t.Errorf("got %s, want 2025-07-01", got)
	}
}

func FuzzParseDate(f *testing.F) {
	seeds := []string{"2025-03-01", "2024-02-29", "2025-02-29", "0000-00-00", "9999-12-31", "2025-1-1", ""}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		// A date that parses must write back exactly as it was read, and
		// name a day that time.Date agrees exists.
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		if DateOf(d.Time()) != d {
			t.Fatalf("ParseDate(%q) = %v, which time.Date normalises", s, d)
		}
	})
}
