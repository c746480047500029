package domain

import (
	"context"

	"github.com/google/uuid"
)

// Scope is what a request may see: its tenant, the person making it and the
// tenant's region. A zero id means "none"; the database then shows nothing
// that needs it.
type Scope struct {
	TenantID uuid.UUID
	PersonID uuid.UUID
	RegionID uuid.UUID
}

// Actor says who is acting and under which request, for the audit trail.
type Actor struct {
	PersonID  uuid.UUID
	RequestID string
}

type actorKey struct{}

// WithActor returns a context that carries the acting person.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the acting person, or the zero Actor for system work.
func ActorFrom(ctx context.Context) Actor {
	a, _ := ctx.Value(actorKey{}).(Actor)
	return a
}

// Page asks for one page of a list: at most Limit items after Cursor.
type Page struct {
	Limit  int
	Cursor string
}

// Page limits.
const (
	DefaultPageLimit = 50
	MaxPageLimit     = 200
)

// Normalised returns the page with its limit defaulted and capped.
func (p Page) Normalised() Page {
	switch {
	case p.Limit <= 0:
		p.Limit = DefaultPageLimit
	case p.Limit > MaxPageLimit:
		p.Limit = MaxPageLimit
	}
	return p
}

// List is one page of results and the cursor of the next, empty at the end.
type List[T any] struct {
	Items      []T
	NextCursor string
}

type scopeKey struct{}

// WithScope returns a context that carries the request's scope.
func WithScope(ctx context.Context, s Scope) context.Context {
	return context.WithValue(ctx, scopeKey{}, s)
}

// ScopeFrom returns the request's scope, or the zero Scope.
func ScopeFrom(ctx context.Context) Scope {
	s, _ := ctx.Value(scopeKey{}).(Scope)
	return s
}
