package instrument

import (
	"testing"
)

func mustLibrary(t testing.TB) map[string]Definition {
	t.Helper()
	defs, err := Library()
	if err != nil {
		t.Fatalf("Library: %v", err)
	}
	byKey := map[string]Definition{}
	for _, d := range defs {
		byKey[d.Key] = d
	}
	return byKey
}

func TestLibraryLoads(t *testing.T) {
	mustLibrary(t)
}
