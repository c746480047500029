package instrument

import (
	"errors"
	"testing"
)

func TestParseNHSNumber(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		err  error
	}{
		{"valid", "9434765919", "9434765919", nil},
		{"valid with spaces", "943 476 5919", "9434765919", nil},
		{"check digit 11 becomes 0", "4010232110", "4010232110", nil},
		{"another valid number", "4010232137", "4010232137", nil},
		{"wrong check digit", "9434765918", "", ErrNHSChecksum},
		{"check digit would be 10", "1234567890", "", ErrNHSChecksum},
		{"nine digits", "943476591", "", ErrNHSFormat},
		{"eleven digits", "94347659190", "", ErrNHSFormat},
		{"letters", "94347659A9", "", ErrNHSFormat},
		{"spaces in the wrong places", "9434 765 919", "", ErrNHSFormat},
		{"hyphens", "943-476-5919", "", ErrNHSFormat},
		{"empty", "", "", ErrNHSFormat},
		{"unicode digits", "９434765919", "", ErrNHSFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseNHSNumber(tc.in)
			if !errors.Is(err, tc.err) {
				t.Fatalf("error: got %v, want %v", err, tc.err)
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func FuzzParseNHSNumber(f *testing.F) {
	for _, s := range []string{"9434765919", "943 476 5919", "4010232137", "1234567890", "", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseNHSNumber(s)
		if err != nil {
			return
		}
		// A number that passes is ten digits and passes again unchanged.
		if _, ok := digits(got); !ok || len(got) != 10 {
			t.Fatalf("ParseNHSNumber(%q) = %q, not ten digits", s, got)
		}
		if again, err := ParseNHSNumber(got); err != nil || again != got {
			t.Fatalf("ParseNHSNumber(%q) = %q, %v on the second pass", got, again, err)
		}
	})
}
