package personal_test

import (
	"bytes"
	"errors"
	"testing"

	"sendqa/domain/personal"
)

func key(b byte) []byte { return bytes.Repeat([]byte{b}, personal.KeySize) }

func mustKeyring(t *testing.T, current string, keys map[string][]byte) *personal.Keyring {
	t.Helper()
	k, err := personal.NewKeyring(current, keys)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestSealOpensOnlyWithTheSameKeyAndContext(t *testing.T) {
	k := mustKeyring(t, "k1", map[string][]byte{"k1": key(1)})
	plain := []byte(`{"name":"Freya Owen","date_of_birth":"2022-11-12"}`)
	sealed, id, err := k.Seal(plain, []byte("tenant-a/subject-1"))
	if err != nil {
		t.Fatal(err)
	}
	if id != "k1" {
		t.Fatalf("sealed with %q, want k1", id)
	}
	if bytes.Contains(sealed, []byte("Freya")) {
		t.Fatal("the sealed value holds the name in clear")
	}
	got, err := k.Open(sealed, id, []byte("tenant-a/subject-1"))
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("round trip: got %q, %v; want %q", got, err, plain)
	}
	if _, err := k.Open(sealed, id, []byte("tenant-b/subject-1")); !errors.Is(err, personal.ErrCorrupt) {
		t.Fatalf("opening under another record: got %v, want ErrCorrupt", err)
	}
	sealed[len(sealed)-1] ^= 1
	if _, err := k.Open(sealed, id, []byte("tenant-a/subject-1")); !errors.Is(err, personal.ErrCorrupt) {
		t.Fatalf("opening a damaged value: got %v, want ErrCorrupt", err)
	}
	again, _, _ := k.Seal(plain, []byte("tenant-a/subject-1"))
	if bytes.Equal(again, sealed) {
		t.Fatal("two seals of the same value are equal; the nonce is not fresh")
	}
}

func TestKeyRotationOpensOldValuesAndSealsWithTheNewKey(t *testing.T) {
	ctx := []byte("t/s")
	old := mustKeyring(t, "2025", map[string][]byte{"2025": key(1)})
	sealedOld, oldID, err := old.Seal([]byte("9434765919"), ctx)
	if err != nil {
		t.Fatal(err)
	}

	rotated := mustKeyring(t, "2026", map[string][]byte{"2025": key(1), "2026": key(2)})
	got, err := rotated.Open(sealedOld, oldID, ctx)
	if err != nil || string(got) != "9434765919" {
		t.Fatalf("the rotated keyring opens the old value: got %q, %v", got, err)
	}
	sealedNew, newID, err := rotated.Seal(got, ctx)
	if err != nil || newID != "2026" {
		t.Fatalf("the rotated keyring seals with %q, %v; want 2026", newID, err)
	}
	if _, err := old.Open(sealedNew, newID, ctx); !errors.Is(err, personal.ErrUnknownKey) {
		t.Fatalf("the old keyring opening a new value: got %v, want ErrUnknownKey", err)
	}
	// A value relabelled with another key id does not open.
	if _, err := rotated.Open(sealedOld, "2026", ctx); !errors.Is(err, personal.ErrCorrupt) {
		t.Fatalf("opening under the wrong key id: got %v, want ErrCorrupt", err)
	}

	retired := mustKeyring(t, "2026", map[string][]byte{"2026": key(2)})
	if _, err := retired.Open(sealedOld, oldID, ctx); !errors.Is(err, personal.ErrUnknownKey) {
		t.Fatalf("after the old key is removed: got %v, want ErrUnknownKey", err)
	}
}

func TestNewKeyringRefusesBadKeys(t *testing.T) {
	cases := map[string]struct {
		current string
		keys    map[string][]byte
	}{
		"current missing": {"k2", map[string][]byte{"k1": key(1)}},
		"short key":       {"k1", map[string][]byte{"k1": key(1)[:16]}},
		"bad id":          {"K 1", map[string][]byte{"K 1": key(1)}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := personal.NewKeyring(c.current, c.keys); err == nil {
				t.Fatal("got no error")
			}
		})
	}
}
