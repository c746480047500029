// Command sendqa serves the sendqa API and web app, applies migrations,
// loads demo data and manages tenants and people from the command line.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `usage: sendqa <command> [arguments]

commands:
  serve                          serve the API and web app
  migrate                        apply migrations and prepare the runtime role
  seed-demo                      load the demo region (refused in production)
  create-tenant SLUG NAME [REGION]
                                 add a local area, in a region if named
  create-user EMAIL NAME [TENANT ROLE[,ROLE...]] [--platform-admin]
                                 add a person, with roles in a tenant
  config                         print the configuration, secrets masked
  version                        print the version
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := newLogger(os.Stderr, os.Getenv("SENDQA_LOG_LEVEL"))
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, log); err != nil {
		if errors.Is(err, errUsage) {
			fmt.Fprint(os.Stderr, usage)
			os.Exit(2)
		}
		log.Error("sendqa failed", "error", err)
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

// run carries out one command. It reads its configuration through getenv
// and writes its output to stdout, so that tests can call it directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		return errUsage
	}
	cmd, args := args[0], args[1:]
	if cmd == "version" {
		fmt.Fprintln(stdout, "sendqa", version)
		return nil
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	switch cmd {
	case "serve":
		return serve(ctx, cfg, log, nil)
	case "migrate":
		return migrate(ctx, cfg, log)
	case "seed-demo":
		return seedDemo(ctx, cfg, stdout, log)
	case "create-tenant":
		return createTenant(ctx, cfg, args, stdout)
	case "create-user":
		return createUser(ctx, cfg, args, stdout)
	case "config":
		fmt.Fprint(stdout, cfg)
		return nil
	}
	return errUsage
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	switch strings.ToLower(level) {
	case "debug":
		l = slog.LevelDebug
	case "warn":
		l = slog.LevelWarn
	case "error":
		l = slog.LevelError
	default:
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}
