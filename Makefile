# sendqa: `make run` serves the product with demo data; `make test` runs
# everything CI runs. Both set up what they need on a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

BIN        := bin/sendqa
GO_SOURCES := $(shell find api cmd domain frontend/embed.go migrations openapi -name '*.go' -o -name '*.sql' -o -name '*.json' -o -name '*.conf' -o -name '*.csv' 2>/dev/null)
export SENDQA_DEMO_PASSWORD ?= demo-password-2026
export SENDQA_HTTP_ADDR ?= 127.0.0.1:8080

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

## Running

.PHONY: run
run: frontend-build $(BIN) ## build everything, load the demo data and serve it
	@export DATABASE_URL="$$(deploy/scripts/ensure-db.sh)"; \
	$(BIN) migrate; \
	$(BIN) seed-demo; \
	echo; echo "sendqa is at http://$(SENDQA_HTTP_ADDR)/  (every demo person's password: $(SENDQA_DEMO_PASSWORD))"; echo; \
	exec $(BIN) serve

# The binary embeds the built web app, so a new build of it makes a new binary.
$(BIN): $(GO_SOURCES) go.mod go.sum $(wildcard frontend/dist/index.html)
	go build -trimpath -ldflags "-X main.version=$$(git describe --always --dirty 2>/dev/null || echo dev)" -o $@ ./cmd/sendqa

.PHONY: build
build: frontend-build $(BIN) ## build the SPA and the binary

## Tests

.PHONY: test
test: test-go test-generated test-frontend test-e2e ## run every test, as CI does

.PHONY: test-go
test-go: db ## Go vet and tests against a real PostgreSQL
	go vet ./...
	SENDQA_TEST_DATABASE_URL="$$(deploy/scripts/dev-db.sh)" go test -count=1 -p 2 -parallel 4 ./...

.PHONY: test-generated
test-generated: frontend-deps ## fail when a generated file is out of date
	@tmp=$$(mktemp -d); trap 'rm -rf $$tmp' EXIT; \
	$(MAKE) --no-print-directory openapi OPENAPI_OUT=$$tmp >/dev/null; \
	for f in swagger.json swagger.yaml openapi.json; do \
	  diff -q openapi/$$f $$tmp/$$f >/dev/null || { echo "openapi/$$f is out of date: run make openapi"; exit 1; }; \
	done; \
	(cd frontend && npx openapi-typescript ../openapi/openapi.json -o $$tmp/api-schema.d.ts >/dev/null 2>&1); \
	diff -q frontend/src/lib/api-schema.d.ts $$tmp/api-schema.d.ts >/dev/null || \
	  { echo "frontend/src/lib/api-schema.d.ts is out of date: run make openapi"; exit 1; }; \
	echo "generated files are up to date"

.PHONY: test-frontend
test-frontend: frontend-deps ## type check and component tests
	cd frontend && npm run --silent typecheck && npm run --silent lint && npm run --silent format:check && npx vitest run

.PHONY: test-e2e
test-e2e: chromium frontend-build $(BIN) db ## browser tests against the real binary and database
	cd frontend && SENDQA_BIN=$(abspath $(BIN)) SENDQA_ADMIN_DATABASE_URL="$$(../deploy/scripts/dev-db.sh)" npm run --silent e2e

.PHONY: bench
bench: db ## benchmarks that print figures
	SENDQA_TEST_DATABASE_URL="$$(deploy/scripts/dev-db.sh)" go test -run '^$$' -bench . -benchmem -count 5 ./... | tee bench.out
	go run ./deploy/benchreport < bench.out

## Generated files

OPENAPI_OUT ?= openapi
.PHONY: openapi
openapi: ## regenerate the OpenAPI documents and the SPA's API types
	go tool swag init --quiet --requiredByDefault -g server.go -d api,domain -o $(OPENAPI_OUT) --outputTypes json,yaml
	go run ./openapi/gen -in $(OPENAPI_OUT)/swagger.json -out $(OPENAPI_OUT)/openapi.json
	@if [ "$(OPENAPI_OUT)" = openapi ]; then \
	  cd frontend && npx openapi-typescript ../openapi/openapi.json -o src/lib/api-schema.d.ts; fi

## Set-up

.PHONY: db
db: ## make sure PostgreSQL answers
	@deploy/scripts/dev-db.sh >/dev/null

.PHONY: chromium
chromium: ## install Debian's Chromium for the browser tests
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

.PHONY: frontend-deps
frontend-deps: frontend/node_modules/.package-lock.json

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

.PHONY: frontend-build
frontend-build: frontend-deps ## build the SPA into frontend/dist
	cd frontend && npm run --silent build

.PHONY: fmt
fmt: ## format the Go code
	gofmt -w api cmd domain frontend/embed.go openapi

.PHONY: clean
clean: ## remove build output (not the database)
	rm -rf bin frontend/dist/assets frontend/dist/index.html bench.out
