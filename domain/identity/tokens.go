package identity

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// newSecret returns a random token with a prefix that says what it is, so
// that a leaked one is recognisable (and scanners can flag it).
func newSecret(prefix string) string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails: the runtime aborts if it cannot
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// NewInvitationToken returns the secret of an invitation link.
func NewInvitationToken() string { return newSecret(invitationPrefix) }

// NewResetToken returns the secret of a password reset link.
func NewResetToken() string { return newSecret(resetPrefix) }

// IsInvitationToken reports whether s could be an invitation secret, so
// that anything else is refused without a lookup.
func IsInvitationToken(s string) bool { return strings.HasPrefix(s, invitationPrefix) && len(s) < 100 }

// IsResetToken reports whether s could be a password reset secret.
func IsResetToken(s string) bool { return strings.HasPrefix(s, resetPrefix) && len(s) < 100 }

// HashSecret is how secrets are stored: a plain SHA-256 suffices because
// they are long and random, unlike passwords.
func HashSecret(secret string) []byte {
	sum := sha256.Sum256([]byte(secret))
	return sum[:]
}

// Token prefixes.
const (
	refreshPrefix     = "sqr_"
	accessTokenPrefix = "sqa_"
	invitationPrefix  = "sqi_"
	resetPrefix       = "sqp_"
)

// JWT claims that identify the web app's access tokens.
const (
	Issuer   = "sendqa"
	Audience = "sendqa-web"
)

// AccessClaims are the claims of a browser's access token. The session's
// limits travel with it so that the web app can warn before they pass.
type AccessClaims struct {
	SessionID         string `json:"sid"`
	Kind              string `json:"typ"`
	PlatformAdmin     bool   `json:"pla,omitempty"`
	IdleExpiresAt     int64  `json:"idl"`
	AbsoluteExpiresAt int64  `json:"abx"`
	jwt.RegisteredClaims
}

type accessGrant struct {
	PersonID, SessionID              uuid.UUID
	PlatformAdmin                    bool
	IdleExpiresAt, AbsoluteExpiresAt time.Time
}

// Keys sign access tokens and seal refresh tokens kept for the grace
// period. Every replica must share them.
type Keys struct {
	signing []byte
	sealing cipher.AEAD
}

// NewKeys derives the keys from one secret of at least 32 bytes.
func NewKeys(secret []byte) (*Keys, error) {
	if len(secret) < 32 {
		return nil, errors.New("the session key must be at least 32 bytes")
	}
	sign := sha256.Sum256(append([]byte("sendqa access token signing\x00"), secret...))
	seal := sha256.Sum256(append([]byte("sendqa refresh token sealing\x00"), secret...))
	block, err := aes.NewCipher(seal[:])
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Keys{signing: sign[:], sealing: aead}, nil
}

func (k *Keys) signAccess(g accessGrant, now time.Time, ttl time.Duration) (string, error) {
	claims := AccessClaims{
		SessionID:         g.SessionID.String(),
		Kind:              "access",
		PlatformAdmin:     g.PlatformAdmin,
		IdleExpiresAt:     g.IdleExpiresAt.Unix(),
		AbsoluteExpiresAt: g.AbsoluteExpiresAt.Unix(),
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Subject:   g.PersonID.String(),
			Audience:  jwt.ClaimStrings{Audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now.Add(-5 * time.Second)),
			ExpiresAt: jwt.NewNumericDate(minTime(now.Add(ttl), g.IdleExpiresAt)),
			ID:        uuid.NewString(),
		},
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(k.signing)
}

// ParseAccess verifies an access token: HS256 only, our issuer and
// audience, an expiry that has not passed and a not-before that has.
func (k *Keys) ParseAccess(token string, now time.Time) (AccessClaims, error) {
	var claims AccessClaims
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(func() time.Time { return now }),
	)
	_, err := parser.ParseWithClaims(token, &claims, func(*jwt.Token) (any, error) { return k.signing, nil })
	if err != nil {
		return AccessClaims{}, err
	}
	if claims.Kind != "access" || claims.NotBefore == nil {
		return AccessClaims{}, errors.New("not an access token")
	}
	return claims, nil
}

func (k *Keys) seal(plain string) []byte {
	nonce := make([]byte, k.sealing.NonceSize())
	_, _ = rand.Read(nonce)
	return k.sealing.Seal(nonce, nonce, []byte(plain), nil)
}

func (k *Keys) open(sealed []byte) (string, error) {
	n := k.sealing.NonceSize()
	if len(sealed) < n {
		return "", errors.New("sealed token too short")
	}
	plain, err := k.sealing.Open(nil, sealed[:n], sealed[n:], nil)
	return string(plain), err
}

// SigningKeyForTests derives the access-token signing key from a secret as
// NewKeys does, so that tests can sign tokens the server would accept
// except for the claims under test.
func SigningKeyForTests(secret []byte) []byte {
	sign := sha256.Sum256(append([]byte("sendqa access token signing\x00"), secret...))
	return sign[:]
}
