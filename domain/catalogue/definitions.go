package catalogue

import (
	"bytes"
	"context"
	"encoding/json"
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
	cache    sync.Map // definitionKey → *parsed
}

type definitionKey struct {
	tenant uuid.UUID
	ref    string
	number int
}

// parsed is a version's definition and, once asked for, its JSON.
type parsed struct {
	def      instrument.Definition
	jsonOnce sync.Once
	json     []byte
	jsonErr  error
}

func (p *parsed) marshal() ([]byte, error) {
	p.jsonOnce.Do(func() { p.json, p.jsonErr = compactDefinition(p.def) })
	return p.json, p.jsonErr
}

// compactDefinition writes a definition as the API sends it.
func compactDefinition(def instrument.Definition) ([]byte, error) {
	text, err := instrument.MarshalDefinition(def)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := json.Compact(&b, text); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Definition returns the definition of version number of the instrument
// ref. Returns domain.ErrNotFound as Service.FindVersion does. Callers
// must not change the definition: it is shared.
func (d *Definitions) Definition(ctx context.Context, ref string, number int) (instrument.Definition, error) {
	p, err := d.find(ctx, ref, number)
	if err != nil {
		return instrument.Definition{}, err
	}
	return p.def, nil
}

// DefinitionJSON returns the same definition as compact JSON, written
// once per cached version. Callers must not change the bytes.
func (d *Definitions) DefinitionJSON(ctx context.Context, ref string, number int) ([]byte, error) {
	p, err := d.find(ctx, ref, number)
	if err != nil {
		return nil, err
	}
	return p.marshal()
}

func (d *Definitions) find(ctx context.Context, ref string, number int) (*parsed, error) {
	key := definitionKey{tenant: domain.ScopeFrom(ctx).TenantID, ref: ref, number: number}
	if p, ok := d.cache.Load(key); ok {
		return p.(*parsed), nil
	}
	v, err := d.Versions.FindVersion(ctx, ref, number)
	if err != nil {
		return nil, err
	}
	p := &parsed{def: v.Definition}
	if v.State != instrument.StateDraft && v.Source != SourceShared {
		d.cache.Store(key, p)
	}
	return p, nil
}

// FindVersion reads one version whole, state and all, every time.
func (d *Definitions) FindVersion(ctx context.Context, ref string, number int) (Version, error) {
	return d.Versions.FindVersion(ctx, ref, number)
}
