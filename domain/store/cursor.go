package store

import (
	"encoding/base64"
	"encoding/json"

	"sendqa/domain"
)

// A cursor is the sort key of the last item of a page, opaque to clients.
// Keyset pages stay correct while rows are added, unlike offsets.
type cursor struct {
	Key string `json:"k"`
	ID  string `json:"i"`
}

func encodeCursor(key, id string) string {
	b, _ := json.Marshal(cursor{Key: key, ID: id})
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) (cursor, error) {
	var c cursor
	if s == "" {
		return c, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return cursor{}, domain.InvalidField("cursor", "the cursor is not one this list gave out")
	}
	return c, nil
}

// page cuts a result fetched with limit+1 rows to the limit and gives the
// cursor of the next page, if any.
func page[T any](items []T, limit int, key func(T) (string, string)) domain.List[T] {
	if len(items) <= limit {
		return domain.List[T]{Items: items}
	}
	items = items[:limit]
	k, id := key(items[limit-1])
	return domain.List[T]{Items: items, NextCursor: encodeCursor(k, id)}
}
