package main

import (
	"strings"
	"testing"
)

func TestPublicURLStartsTheLinksInMail(t *testing.T) {
	load := func(public string) (config, error) {
		return loadConfig(func(k string) string {
			return map[string]string{"DATABASE_URL": "postgres://x@y/z", "SENDQA_PUBLIC_URL": public}[k]
		})
	}
	cfg, err := load("")
	if err != nil || cfg.PublicURL != "http://127.0.0.1:8080" {
		t.Fatalf("default: got %q, %v", cfg.PublicURL, err)
	}
	if cfg, err = load("https://sendqa.example.org/"); err != nil || cfg.PublicURL != "https://sendqa.example.org" {
		t.Fatalf("trailing slash: got %q, %v", cfg.PublicURL, err)
	}
	for _, bad := range []string{"sendqa.example.org", "ftp://sendqa.example.org", "https://x.org/?a=b"} {
		if _, err := load(bad); err == nil || !strings.Contains(err.Error(), "SENDQA_PUBLIC_URL") {
			t.Errorf("%q: got %v, want an error naming SENDQA_PUBLIC_URL", bad, err)
		}
	}
}
