package identity

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"sendqa/domain"
)

// YoungLogin is how a young person signs in without e-mail: an invitation
// code from their participation officer, unique in the area, and a
// passphrase they choose at their first sign-in.
type YoungLogin struct {
	TenantID       uuid.UUID
	PersonID       uuid.UUID
	PassphraseHash string // empty until they choose one
	CodeIssuedAt   time.Time
	LastSignInAt   time.Time
}

// Young people's sign-in limits. There is no lockout: a young person who
// forgets their passphrase must never be stranded, so attempts are only
// slowed, per code and per address, and the officer can issue a new code.
const (
	CodeLength          = 8
	MinPassphraseLength = 8
	codeAttemptLimit    = 10
	codeAttemptWindow   = 10 * time.Minute
)

// codeAlphabet leaves out letters and digits that are easily confused
// when read aloud or copied from paper: 0 and O, 1, I and L.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// NewInvitationCode returns a fresh invitation code, written in two groups
// of four for reading out ("K7PM-X4QA").
func NewInvitationCode() string {
	b := make([]byte, CodeLength)
	_, _ = rand.Read(b) // never fails: the runtime aborts if it cannot
	out := make([]byte, 0, CodeLength+1)
	for i, c := range b {
		if i == CodeLength/2 {
			out = append(out, '-')
		}
		out = append(out, codeAlphabet[int(c)%len(codeAlphabet)])
	}
	return string(out)
}

// NormaliseCode reads a code as typed: any case, with or without spaces
// and the hyphen.
func NormaliseCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		if r != ' ' && r != '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// HashCode is how an invitation code is stored.
func HashCode(code string) []byte { return HashSecret("young:" + NormaliseCode(code)) }

// ErrBadCode is the one answer to a failed young person's sign-in.
var ErrBadCode = &domain.Error{
	Kind: domain.KindUnauthenticated,
	Message: "that code and passphrase did not work; check them and try again, or ask " +
		"your participation officer for a new code",
}

// ErrSlowDown means too many tries with one code or from one place.
var ErrSlowDown = &domain.Error{
	Kind:    domain.KindRateLimited,
	Message: "too many tries; wait 10 minutes and try again, or ask your participation officer",
}

// CheckPassphrase applies the gentle rules for a young person's
// passphrase: 8 characters or more (a few words are easiest to remember),
// not a common password, and not the code itself.
func CheckPassphrase(p *domain.Problems, field, passphrase, code string) {
	n := utf8.RuneCountInString(strings.TrimSpace(passphrase))
	switch {
	case n < MinPassphraseLength:
		p.Add(field, "use at least %d letters or numbers: two or three words you will "+
			"remember work well, like \"green bus stop\"", MinPassphraseLength)
	case n > MaxPasswordLength:
		p.Add(field, "use %d characters or fewer", MaxPasswordLength)
	case commonPasswords()[strings.ToLower(passphrase)]:
		p.Add(field, "lots of people use that one; choose different words")
	case NormaliseCode(passphrase) == NormaliseCode(code):
		p.Add(field, "choose words of your own, not the code")
	}
}

// CodeLogin signs a young person in with their code and passphrase in the
// tenant of ctx's scope. At the first sign-in after a code is issued the
// passphrase given becomes theirs, checked against the gentle rules
// (domain.ErrInvalid on the field passphrase). Returns ErrBadCode for a
// wrong code or passphrase and ErrSlowDown when the code or the address
// has had too many tries; nothing ever locks the account.
func (s Service) CodeLogin(ctx context.Context, code, passphrase, address string) (Tokens, error) {
	norm := NormaliseCode(code)
	ok, err := s.Store.HitRateLimit(ctx, "code-login:"+address, s.Settings.AddressWindow,
		s.Settings.AddressLimit)
	if err != nil {
		return Tokens{}, fmt.Errorf("check address rate limit: %w", err)
	}
	if !ok {
		return Tokens{}, ErrSlowDown
	}
	if len(norm) != CodeLength || len(passphrase) > MaxPasswordLength*4 {
		_, _ = VerifyPassword(dummyHash, passphrase)
		return Tokens{}, ErrBadCode
	}
	tenant := domain.ScopeFrom(ctx).TenantID
	ok, err = s.Store.HitRateLimit(ctx, "code:"+tenant.String()+":"+norm, codeAttemptWindow,
		codeAttemptLimit)
	if err != nil {
		return Tokens{}, fmt.Errorf("check code rate limit: %w", err)
	}
	if !ok {
		return Tokens{}, ErrSlowDown
	}
	login, err := s.Store.FindYoungLogin(ctx, HashCode(norm))
	if domain.IsNotFound(err) {
		_, _ = VerifyPassword(dummyHash, passphrase)
		return Tokens{}, ErrBadCode
	}
	if err != nil {
		return Tokens{}, fmt.Errorf("find young person's login: %w", err)
	}
	if login.PassphraseHash == "" {
		if err := s.choosePassphrase(ctx, login, passphrase, norm); err != nil {
			return Tokens{}, err
		}
	} else {
		match, err := VerifyPassword(login.PassphraseHash, passphrase)
		if err != nil {
			return Tokens{}, fmt.Errorf("verify passphrase: %w", err)
		}
		if !match {
			return Tokens{}, ErrBadCode
		}
	}
	if err := s.Store.TouchYoungLogin(ctx, login.PersonID, s.now()); err != nil {
		return Tokens{}, fmt.Errorf("record sign-in: %w", err)
	}
	return s.StartSession(ctx, login.PersonID)
}

func (s Service) choosePassphrase(ctx context.Context, l YoungLogin, passphrase, code string) error {
	var p domain.Problems
	CheckPassphrase(&p, "passphrase", passphrase, code)
	if err := p.Err(); err != nil {
		return err
	}
	hash, err := HashPassword(passphrase)
	if err != nil {
		return err
	}
	if err := s.Store.SaveYoungPassphrase(ctx, l.PersonID, hash); err != nil {
		return fmt.Errorf("save passphrase: %w", err)
	}
	return nil
}

// IssueCode gives a young person a new invitation code in the current
// tenant, clearing their passphrase and ending their sessions, and returns
// the code, which is shown once. Participation officers and
// administrators; the caller checks the person is a young person here.
func (s Service) IssueCode(ctx context.Context, personID, issuedBy uuid.UUID) (string, error) {
	// Two young people of an area drawing the same code is a chance of
	// about one in 10^11 per code held; the unique key refuses it and the
	// officer tries again.
	code := NewInvitationCode()
	if err := s.Store.SaveYoungLogin(ctx, personID, HashCode(code), issuedBy); err != nil {
		return "", fmt.Errorf("save invitation code: %w", err)
	}
	if err := s.Store.RevokePersonSessions(ctx, personID, s.now()); err != nil {
		return "", fmt.Errorf("end sessions: %w", err)
	}
	return code, nil
}
