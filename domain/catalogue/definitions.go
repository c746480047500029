package catalogue

import (
	"context"
	"sync"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/instrument"
)

// VersionFinder finds one version of an instrument the current tenant can
// see, as Service.FindVersion does.
type VersionFinder interface {
	FindVersion(ctx context.Context, ref string, number int) (Version, error)
}

// Definitions hands out the definitions of instrument versions, reading
// and parsing each published or retired version once per process, since
// every save of a response needs its definition and parsing one costs
// more than the save itself.
//
// Caching is safe because such a version never changes: publishing
// freezes its definition, retiring changes only its state, nothing
// deletes one, and a built-in version is replaced by a new number, never
// rewritten. Drafts change, so they are read each time. So are versions
// another tenant shares, because the owner may stop sharing them and the
// reader must then lose them at once. Entries are keyed by tenant, so a
// key never reaches another tenant's instrument; there are as many as the
// versions in use, so the cache needs no eviction.
type Definitions struct {
	Versions VersionFinder
	cache    sync.Map // definitionKey → instrument.Definition
}

type definitionKey struct {
	tenant uuid.UUID
	ref    string
	number int
}

// Definition returns the definition of version number of the instrument
// ref. Returns domain.ErrNotFound as Service.FindVersion does. Callers
// must not change the definition: it is shared.
func (d *Definitions) Definition(ctx context.Context, ref string, number int) (instrument.Definition, error) {
	key := definitionKey{tenant: domain.ScopeFrom(ctx).TenantID, ref: ref, number: number}
	if def, ok := d.cache.Load(key); ok {
		return def.(instrument.Definition), nil
	}
	v, err := d.Versions.FindVersion(ctx, ref, number)
	if err != nil {
		return instrument.Definition{}, err
	}
	if v.State != instrument.StateDraft && v.Source != SourceShared {
		d.cache.Store(key, v.Definition)
	}
	return v.Definition, nil
}

// FindVersion reads one version whole, state and all, every time.
func (d *Definitions) FindVersion(ctx context.Context, ref string, number int) (Version, error) {
	return d.Versions.FindVersion(ctx, ref, number)
}
