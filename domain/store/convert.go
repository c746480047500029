package store

import (
	"strings"

	"sendqa/domain"
)

func mapSlice[A, B any](in []A, f func(A) B) []B {
	out := make([]B, len(in))
	for i, a := range in {
		out[i] = f(a)
	}
	return out
}

// ptr turns a zero value into NULL.
func ptr[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// deref turns NULL into the zero value.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// parseRoles reads a PostgreSQL text[] literal of role names, which never
// need quoting.
func parseRoles(s string) []domain.Role {
	s = strings.Trim(s, "{}")
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	roles := make([]domain.Role, len(parts))
	for i, p := range parts {
		roles[i] = domain.Role(strings.Trim(p, `"`))
	}
	return roles
}

func formatRoles(roles []domain.Role) string {
	parts := make([]string, len(roles))
	for i, r := range roles {
		parts[i] = string(r)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
