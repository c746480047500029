package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"sendqa/domain/personal"
)

// config is every setting sendqa reads from its environment, with defaults.
type config struct {
	// DatabaseURL connects as the schema's owner, for migrations and demo data.
	DatabaseURL string
	// AppDatabaseURL connects as the runtime role the server uses; when
	// empty it is DatabaseURL with the runtime role's name and password.
	AppDatabaseURL  string
	AppDBRole       string
	AppDBPassword   string
	HTTPAddr        string
	Env             string
	LogLevel        string
	DemoPassword    string
	ShutdownTimeout time.Duration
	DBMaxConns      int
	// SessionKey signs access tokens; every replica needs the same one.
	SessionKey []byte
	// PublicURL is where people reach the app; links in mail start with it.
	PublicURL string
	// PersonalDataKeys seal children's personal data, by key id;
	// PersonalDataKeyID names the one that seals, the others only open
	// what they sealed before a rotation.
	PersonalDataKeys  map[string][]byte
	PersonalDataKeyID string
	// EvidenceURL is the bucket evidence files go in: file:// or s3://.
	EvidenceURL string
	// EvidenceMaxMB caps one evidence file.
	EvidenceMaxMB int
	// ClamdAddr reaches a virus scanner; empty scans nothing.
	ClamdAddr string
	// SMTPURL reaches a mail server; empty keeps mail in the outbox table.
	SMTPURL    string
	MailFrom   string
	JobWorkers int
}

// setting describes one environment variable, for loading and for the
// README's table.
type setting struct {
	name, def, help string
	secret          bool
	set             func(c *config, v string) error
}

var settings = []setting{
	{name: "DATABASE_URL", help: "PostgreSQL URL of the schema owner (migrations, seed-demo)", secret: true,
		set: func(c *config, v string) error { c.DatabaseURL = v; return nil }},
	{name: "SENDQA_APP_DATABASE_URL", help: "PostgreSQL URL of the runtime role; derived from DATABASE_URL when empty",
		secret: true, set: func(c *config, v string) error { c.AppDatabaseURL = v; return nil }},
	{name: "SENDQA_APP_DB_ROLE", def: "sendqa_app", help: "name of the runtime role, created by migrate",
		set: func(c *config, v string) error { c.AppDBRole = v; return nil }},
	{name: "SENDQA_APP_DB_PASSWORD", help: "password of the runtime role (none with trust auth)", secret: true,
		set: func(c *config, v string) error { c.AppDBPassword = v; return nil }},
	{name: "SENDQA_HTTP_ADDR", def: "127.0.0.1:8080", help: "address the server listens on",
		set: func(c *config, v string) error { c.HTTPAddr = v; return nil }},
	{name: "SENDQA_ENV", def: "development", help: "development, test or production",
		set: func(c *config, v string) error { c.Env = v; return nil }},
	{name: "SENDQA_LOG_LEVEL", def: "info", help: "debug, info, warn or error",
		set: func(c *config, v string) error { c.LogLevel = v; return nil }},
	{name: "SENDQA_DEMO_PASSWORD", def: "demo-password-2026", help: "password of every demo person", secret: true,
		set: func(c *config, v string) error { c.DemoPassword = v; return nil }},
	{name: "SENDQA_SHUTDOWN_TIMEOUT", def: "20s", help: "how long in-flight requests may finish on shutdown",
		set: func(c *config, v string) (err error) { c.ShutdownTimeout, err = time.ParseDuration(v); return err }},
	{name: "SENDQA_SESSION_KEY", help: "secret of 32 bytes or more shared by every replica; random per process " +
		"outside production when empty", secret: true,
		set: func(c *config, v string) error { c.SessionKey = []byte(v); return nil }},
	{name: "SENDQA_PUBLIC_URL", def: "http://127.0.0.1:8080", help: "address people reach the app at, " +
		"for links in mail (invitations, password resets); https:// in production",
		set: func(c *config, v string) error { c.PublicURL = strings.TrimSuffix(v, "/"); return nil }},
	{name: "SENDQA_PERSONAL_DATA_KEYS", help: "keys sealing children's personal data: id:base64 of 32 bytes, " +
		"comma-separated, old keys kept until resealed; a public development key outside production " +
		"when empty", secret: true,
		set: func(c *config, v string) (err error) { c.PersonalDataKeys, err = parseKeys(v); return err }},
	{name: "SENDQA_PERSONAL_DATA_KEY_ID", help: "id of the key that seals personal data; the only key when " +
		"one is given", set: func(c *config, v string) error { c.PersonalDataKeyID = v; return nil }},
	{name: "SENDQA_DB_MAX_CONNS", def: "20", help: "largest number of database connections per process",
		set: func(c *config, v string) (err error) { _, err = fmt.Sscan(v, &c.DBMaxConns); return err }},
	{name: "SENDQA_EVIDENCE_URL", help: "bucket for evidence files: file:///absolute/folder, or " +
		"s3://bucket?region=...&endpoint=... for S3-compatible storage; .data/evidence when empty",
		set: func(c *config, v string) error { c.EvidenceURL = v; return nil }},
	{name: "SENDQA_EVIDENCE_MAX_MB", def: "20", help: "largest evidence file, in megabytes",
		set: func(c *config, v string) (err error) { _, err = fmt.Sscan(v, &c.EvidenceMaxMB); return err }},
	{name: "SENDQA_CLAMD_ADDR", help: "ClamAV clamd to scan evidence with, host:port or unix:/path; " +
		"files stay unavailable until scanned clean", set: func(c *config, v string) error { c.ClamdAddr = v; return nil }},
	{name: "SENDQA_SMTP_URL", help: "mail server, smtp://user:password@host:port (STARTTLS when offered) " +
		"or smtps://...; mail waits in the outbound_mail table when empty", secret: true,
		set: func(c *config, v string) error { c.SMTPURL = v; return nil }},
	{name: "SENDQA_MAIL_FROM", def: "sendqa <no-reply@sendqa.invalid>", help: "sender of notices and invitations",
		set: func(c *config, v string) error { c.MailFrom = v; return nil }},
	{name: "SENDQA_JOB_WORKERS", def: "4", help: "background jobs (notices, scans) worked at once per process; " +
		"0 works none here", set: func(c *config, v string) (err error) { _, err = fmt.Sscan(v, &c.JobWorkers); return err }},
}

// loadConfig reads the environment through getenv and validates the result.
func loadConfig(getenv func(string) string) (config, error) {
	var (
		c    config
		errs []error
	)
	for _, s := range settings {
		v := getenv(s.name)
		if v == "" {
			v = s.def
		}
		if err := s.set(&c, v); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.name, err))
		}
	}
	if c.DatabaseURL == "" && c.AppDatabaseURL == "" {
		errs = append(errs, errors.New("DATABASE_URL: set it to the PostgreSQL URL of the schema owner"))
	}
	switch c.Env {
	case "development", "test", "production":
	default:
		errs = append(errs, fmt.Errorf("SENDQA_ENV: %q is not development, test or production", c.Env))
	}
	if c.AppDatabaseURL == "" && c.DatabaseURL != "" {
		u, err := withUser(c.DatabaseURL, c.AppDBRole, c.AppDBPassword)
		if err != nil {
			errs = append(errs, fmt.Errorf("DATABASE_URL: %w", err))
		}
		c.AppDatabaseURL = u
	}
	switch {
	case len(c.SessionKey) == 0 && c.Env == "production":
		errs = append(errs, errors.New("SENDQA_SESSION_KEY: set a secret of at least 32 bytes"))
	case len(c.SessionKey) == 0:
		c.SessionKey = make([]byte, 32)
		_, _ = rand.Read(c.SessionKey)
	case len(c.SessionKey) < 32:
		errs = append(errs, errors.New("SENDQA_SESSION_KEY: use at least 32 bytes"))
	}
	if u, err := url.Parse(c.PublicURL); err != nil || u.Host == "" ||
		(u.Scheme != "https" && u.Scheme != "http") || u.RawQuery != "" || u.Fragment != "" {
		errs = append(errs, errors.New("SENDQA_PUBLIC_URL: use an address like https://sendqa.example.org"))
	}
	errs = append(errs, c.checkPersonalDataKeys()...)
	if c.EvidenceMaxMB < 1 || c.EvidenceMaxMB > 500 {
		errs = append(errs, errors.New("SENDQA_EVIDENCE_MAX_MB: use 1 to 500"))
	}
	if c.DBMaxConns < 2 {
		errs = append(errs, errors.New("SENDQA_DB_MAX_CONNS: use 2 or more"))
	}
	return c, errors.Join(errs...)
}

// parseKeys reads "id:base64,id:base64" into keys by id.
func parseKeys(v string) (map[string][]byte, error) {
	keys := map[string][]byte{}
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, encoded, ok := strings.Cut(part, ":")
		key, err := base64.StdEncoding.DecodeString(encoded)
		if !ok || id == "" || err != nil {
			return nil, errors.New("write each key as id:base64")
		}
		keys[id] = key
	}
	return keys, nil
}

// checkPersonalDataKeys picks the sealing key and checks every key.
func (c *config) checkPersonalDataKeys() []error {
	switch {
	case len(c.PersonalDataKeys) == 0 && c.Env == "production":
		return []error{errors.New("SENDQA_PERSONAL_DATA_KEYS: set at least one key of 32 bytes")}
	case len(c.PersonalDataKeys) == 0:
		return nil // the development keyring
	case c.PersonalDataKeyID == "" && len(c.PersonalDataKeys) == 1:
		for id := range c.PersonalDataKeys {
			c.PersonalDataKeyID = id
		}
	}
	if _, err := c.keyring(); err != nil {
		return []error{fmt.Errorf("SENDQA_PERSONAL_DATA_KEYS: %w", err)}
	}
	return nil
}

// keyring builds the keyring that seals personal data.
func (c config) keyring() (*personal.Keyring, error) {
	if len(c.PersonalDataKeys) == 0 {
		return personal.DevelopmentKeyring(), nil
	}
	return personal.NewKeyring(c.PersonalDataKeyID, c.PersonalDataKeys)
}

// withUser returns the connection string with another user and password.
func withUser(conn, user, password string) (string, error) {
	if strings.HasPrefix(conn, "postgres://") || strings.HasPrefix(conn, "postgresql://") {
		u, err := url.Parse(conn)
		if err != nil {
			return "", errors.New("not a valid URL")
		}
		if password != "" {
			u.User = url.UserPassword(user, password)
		} else {
			u.User = url.User(user)
		}
		return u.String(), nil
	}
	// Keyword/value form: later keywords override earlier ones.
	conn += " user=" + quoteKV(user)
	if password != "" {
		conn += " password=" + quoteKV(password)
	}
	return conn, nil
}

func quoteKV(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// String prints the configuration with secrets masked.
func (c config) String() string {
	var b strings.Builder
	values := map[string]string{
		"DATABASE_URL": c.DatabaseURL, "SENDQA_APP_DATABASE_URL": c.AppDatabaseURL,
		"SENDQA_APP_DB_ROLE": c.AppDBRole, "SENDQA_APP_DB_PASSWORD": c.AppDBPassword,
		"SENDQA_HTTP_ADDR": c.HTTPAddr, "SENDQA_ENV": c.Env, "SENDQA_LOG_LEVEL": c.LogLevel,
		"SENDQA_DEMO_PASSWORD": c.DemoPassword, "SENDQA_SHUTDOWN_TIMEOUT": c.ShutdownTimeout.String(),
		"SENDQA_DB_MAX_CONNS": fmt.Sprint(c.DBMaxConns), "SENDQA_SESSION_KEY": string(c.SessionKey),
		"SENDQA_PUBLIC_URL": c.PublicURL, "SENDQA_PERSONAL_DATA_KEY_ID": c.PersonalDataKeyID,
		"SENDQA_EVIDENCE_URL": c.EvidenceURL, "SENDQA_EVIDENCE_MAX_MB": fmt.Sprint(c.EvidenceMaxMB),
		"SENDQA_CLAMD_ADDR": c.ClamdAddr, "SENDQA_SMTP_URL": c.SMTPURL, "SENDQA_MAIL_FROM": c.MailFrom,
		"SENDQA_JOB_WORKERS": fmt.Sprint(c.JobWorkers),
	}
	if len(c.PersonalDataKeys) > 0 {
		values["SENDQA_PERSONAL_DATA_KEYS"] = "set"
	}
	for _, s := range settings {
		v := values[s.name]
		if s.secret && v != "" {
			v = mask(v)
		}
		fmt.Fprintf(&b, "%s=%s\n", s.name, v)
	}
	return b.String()
}

// mask hides a secret, keeping a URL's host and database readable.
func mask(v string) string {
	if u, err := url.Parse(v); err == nil && u.Host != "" {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
		return u.String()
	}
	return "*****"
}
