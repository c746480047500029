package identity

import (
	"regexp"
	"testing"

	"sendqa/domain"
)

func TestInvitationCodesAreEasyToReadAndType(t *testing.T) {
	shape := regexp.MustCompile(`^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$`)
	seen := map[string]bool{}
	for range 200 {
		code := NewInvitationCode()
		if !shape.MatchString(code) {
			t.Fatalf("code %q has a character easily misread, or the wrong shape", code)
		}
		seen[code] = true
	}
	if len(seen) < 199 {
		t.Errorf("200 codes gave only %d different ones", len(seen))
	}
	if NormaliseCode(" k7pm-x4qa ") != "K7PMX4QA" || string(HashCode("k7pm x4qa")) !=
		string(HashCode("K7PM-X4QA")) {
		t.Error("a code typed in lower case or with a space does not match")
	}
}

func TestPassphraseRulesAreGentle(t *testing.T) {
	for phrase, ok := range map[string]bool{
		"green bus stop": true, "bus": false, "password": false, "K7PM-X4QA": false,
	} {
		var p domain.Problems
		CheckPassphrase(&p, "passphrase", phrase, "K7PM-X4QA")
		if got := p.Len() == 0; got != ok {
			t.Errorf("%q: accepted %v, want %v", phrase, got, ok)
		}
	}
}
