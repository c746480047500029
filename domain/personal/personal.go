// Package personal seals children's personal data (names, dates of birth,
// NHS numbers) for storage, with keys that come from configuration and can
// be rotated: one current key seals, every configured key opens.
package personal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"regexp"
	"sort"
)

// KeySize is the length in bytes of every key (AES-256).
const KeySize = 32

// format is the first byte of every sealed value, so that a later format
// can be told apart.
const format byte = 1

var keyIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// Errors returned by Keyring.
var (
	ErrUnknownKey = errors.New("sealed with a key that is not configured")
	ErrCorrupt    = errors.New("sealed value is damaged or belongs to another record")
)

// Keyring holds the keys that seal and open personal data.
type Keyring struct {
	current string
	keys    map[string]cipher.AEAD
}

// NewKeyring builds a keyring from keys by id; current names the key that
// seals. Older keys stay so that what they sealed can still be opened
// until it is sealed again under the current one.
func NewKeyring(current string, keys map[string][]byte) (*Keyring, error) {
	if _, ok := keys[current]; !ok {
		return nil, fmt.Errorf("the current key %q is not among the configured keys", current)
	}
	k := &Keyring{current: current, keys: map[string]cipher.AEAD{}}
	for id, key := range keys {
		if !keyIDPattern.MatchString(id) {
			return nil, fmt.Errorf("key id %q: use 1 to 32 lower-case letters, digits, - or _", id)
		}
		if len(key) != KeySize {
			return nil, fmt.Errorf("key %q: use exactly %d bytes", id, KeySize)
		}
		block, err := aes.NewCipher(key)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", id, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", id, err)
		}
		k.keys[id] = aead
	}
	return k, nil
}

// DevelopmentKeyring is a fixed keyring for development and tests only:
// its key is public, so it protects nothing.
func DevelopmentKeyring() *Keyring {
	key := sha256.Sum256([]byte("sendqa development personal data key; not secret"))
	k, _ := NewKeyring("dev", map[string][]byte{"dev": key[:]})
	return k
}

// CurrentKey is the id of the key that seals.
func (k *Keyring) CurrentKey() string { return k.current }

// KeyIDs lists the configured key ids in order.
func (k *Keyring) KeyIDs() []string {
	ids := make([]string, 0, len(k.keys))
	for id := range k.keys {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Seal encrypts plaintext under the current key, bound to context (for
// example the tenant and record id), which Open must be given again. It
// returns the sealed bytes and the id of the key used.
func (k *Keyring) Seal(plaintext, context []byte) ([]byte, string, error) {
	aead := k.keys[k.current]
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, "", fmt.Errorf("seal personal data: %w", err)
	}
	out := make([]byte, 0, 1+len(nonce)+len(plaintext)+aead.Overhead())
	out = append(out, format)
	out = append(out, nonce...)
	out = aead.Seal(out, nonce, plaintext, associated(k.current, context))
	return out, k.current, nil
}

// Open decrypts what Seal sealed with the key named keyID and the same
// context.
func (k *Keyring) Open(sealed []byte, keyID string, context []byte) ([]byte, error) {
	aead, ok := k.keys[keyID]
	if !ok {
		return nil, ErrUnknownKey
	}
	n := aead.NonceSize()
	if len(sealed) < 1+n+aead.Overhead() || sealed[0] != format {
		return nil, ErrCorrupt
	}
	plain, err := aead.Open(nil, sealed[1:1+n], sealed[1+n:], associated(keyID, context))
	if err != nil {
		return nil, ErrCorrupt
	}
	return plain, nil
}

// associated binds a sealed value to its key id and record, so that a
// ciphertext moved to another row or relabelled with another key fails.
func associated(keyID string, context []byte) []byte {
	out := make([]byte, 0, len(keyID)+1+len(context))
	out = append(out, keyID...)
	out = append(out, 0)
	return append(out, context...)
}
