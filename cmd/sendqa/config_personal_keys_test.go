package main

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestPersonalDataKeys(t *testing.T) {
	k1 := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("a", 32)))
	k2 := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("b", 32)))
	env := func(vars map[string]string) func(string) string {
		return func(k string) string {
			if k == "DATABASE_URL" {
				return "postgres://owner@db/sendqa"
			}
			return vars[k]
		}
	}
	cases := []struct {
		name    string
		vars    map[string]string
		wantErr string
		current string
	}{
		{"development default", nil, "", "dev"},
		{"production needs a key", map[string]string{"SENDQA_ENV": "production",
			"SENDQA_SESSION_KEY": strings.Repeat("s", 32)}, "SENDQA_PERSONAL_DATA_KEYS", ""},
		{"one key is current", map[string]string{"SENDQA_PERSONAL_DATA_KEYS": "2026:" + k1}, "", "2026"},
		{"rotation names the current key", map[string]string{
			"SENDQA_PERSONAL_DATA_KEYS": "2025:" + k1 + ",2026:" + k2, "SENDQA_PERSONAL_DATA_KEY_ID": "2026"}, "", "2026"},
		{"two keys need a current one", map[string]string{
			"SENDQA_PERSONAL_DATA_KEYS": "2025:" + k1 + ",2026:" + k2}, "SENDQA_PERSONAL_DATA_KEYS", ""},
		{"short key", map[string]string{"SENDQA_PERSONAL_DATA_KEYS": "k:" + k1[:8]}, "32 bytes", ""},
		{"not base64", map[string]string{"SENDQA_PERSONAL_DATA_KEYS": "k:***"}, "id:base64", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := loadConfig(env(c.vars))
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("got %v, want an error naming %s", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			k, err := cfg.keyring()
			if err != nil || k.CurrentKey() != c.current {
				t.Fatalf("keyring %v, %v; want current key %s", k, err, c.current)
			}
			if strings.Contains(cfg.String(), k1) {
				t.Fatal("the printed configuration shows a key")
			}
		})
	}
}
