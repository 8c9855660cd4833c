# scaffold's own build and tests. `make test` is what CI runs.
GO        ?= go
E2E_RUN   ?= .
E2E_FLAGS ?= -count=1 -v -timeout 85m

.PHONY: all build test test-fast lint unit golden freeze e2e e2e-update e2e-add e2e-full fuzz reliability bench bench-go bench-serve bench-tools clean \
	man completions release-check release snapshot snapshot-test actionlint

all: build

# A static binary (no cgo: scaffold needs none; net, imported by pflag and
# sprig, would otherwise link libc) starts ~0.7 ms sooner: no dynamic loader.
build:
	CGO_ENABLED=0 $(GO) build -o bin/scaffold ./cmd/scaffold

## test: everything — formatting, vet, unit and golden tests, bounded fuzzing, then every framework's e2e run
test: test-fast fuzz e2e

## test-fast: everything but the e2e runs (seconds)
test-fast: lint unit

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './testdata/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags e2e ./...

unit:
	$(GO) test -count=1 ./...

# Every package's fuzz targets, found by name, as package:Target pairs
# (go test -list prints a package's targets before its "ok" line).
FUZZ_TARGETS = $(shell $(GO) test -list '^Fuzz' ./... 2>/dev/null | \
	awk '/^Fuzz/ { t[n++] = $$1; next } /^ok/ { for (i = 0; i < n; i++) print $$2 ":" t[i]; n = 0 }' | \
	sed 's|^github.com/scaffold-cli/scaffold/|./|')
# A count, not a duration: with a duration, Go 1.26's fuzz coordinator can fail
# with "context deadline exceeded" at the deadline on a loaded machine, with no
# failing input (golang/go#75804, fixed in Go 1.27).
FUZZTIME ?= 40000x

## fuzz: run each fuzz target for FUZZTIME executions; a failing input is saved under its package's testdata/fuzz
fuzz:
	@set -e; for pt in $(FUZZ_TARGETS); do \
		p=$${pt%%:*}; t=$${pt#*:}; \
		echo "== fuzz $$p $$t for $(FUZZTIME)"; \
		$(GO) test $$p -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME); \
	done

# The tests docs/reliability.md reports on, and the fuzz executions per target.
RELIABILITY_RUN ?= ^(TestBadInput|TestBadInputControl|TestInterrupt|TestKilledMidWrite|TestWriteFault|TestReadOnlyMidWay|TestRace|TestRaceBuiltin|TestBrokenTemplates|TestHostileCustomTemplates|TestTemplatesOverBounds|TestBuiltInTemplatesWithinBounds|TestWrite.*|Test.*Suggestions.*|TestFlagGivenTwice|Fuzz.*)$$
RELIABILITY_FUZZ_EXECS ?= 20000

## reliability: run the reliability tests and RELIABILITY_FUZZ_EXECS executions of each fuzz target; rewrite docs/reliability.md
reliability:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo "== reliability tests"; \
	$(GO) test -count=1 -json -run '$(RELIABILITY_RUN)' ./cmd/scaffold/reliability ./generator/... ./cmd/scaffold/cli > "$$tmp/tests.json" || true; \
	for pt in $(FUZZ_TARGETS); do \
		p=$${pt%%:*}; t=$${pt#*:}; \
		echo "== fuzz $$p $$t: $(RELIABILITY_FUZZ_EXECS) executions"; \
		$(GO) test $$p -run '^$$' -fuzz "^$$t\$$" -fuzztime $(RELIABILITY_FUZZ_EXECS)x > "$$tmp/$$t.log" 2>&1 || true; \
		echo "$$t $(RELIABILITY_FUZZ_EXECS) $$tmp/$$t.log" >> "$$tmp/fuzz.txt"; \
	done; \
	$(GO) run ./cmd/reliability-report -tests "$$tmp/tests.json" -fuzz "$$tmp/fuzz.txt" -o docs/reliability.md && \
	echo "wrote docs/reliability.md"

## golden: rewrite testdata/golden from the templates; review the diff before committing
golden:
	$(GO) generate ./generator
	$(GO) test -count=1 ./generator -run 'TestGolden' -update

## freeze: archive each framework's current template_version under templates/<fw>/history/ (refuses a changed, already frozen version)
freeze:
	$(GO) run ./cmd/scaffold-freeze

## e2e: generate every golden case and run it with its own toolchain (E2E_RUN=gin/default for one), then e2e-update and e2e-add
e2e:
	$(GO) test -tags e2e $(E2E_FLAGS) -run 'TestE2E$$/$(E2E_RUN)' ./generator/e2e
	$(MAKE) e2e-update
	$(MAKE) e2e-add

## e2e-update: per framework, generate, edit as a user would, update to a fixture version 2
## (generator/e2e/testdata/update/<fw>/) and run the updated project; prints each case's times
e2e-update:
	$(GO) test -tags e2e $(E2E_FLAGS) -run 'TestE2EUpdate/$(E2E_RUN)' ./generator/e2e

## e2e-add: per framework, generate, edit as a user would, add database=postgres docker ci and run
## the project (Dockerfile parsed, workflow through actionlint), then add database=none and run it again
e2e-add:
	SCAFFOLD_ACTIONLINT="$(ACTIONLINT)" $(GO) test -tags e2e $(E2E_FLAGS) -run 'TestE2EAdd/$(E2E_RUN)' ./generator/e2e

## e2e-full: the runs this machine cannot do (Rails, Laravel need RubyGems/Packagist); they say why
e2e-full:
	$(GO) test -tags e2e $(E2E_FLAGS) -run 'TestE2EFull/$(E2E_RUN)' ./generator/e2e

## bench: time `scaffold new` for every framework against cp -r and the generators people use,
## plus the engine's go benchmarks; writes docs/benchmarks.md. Not part of `make test`.
BENCH_DIR   ?= .bench
BENCH_RUNS  ?= 15
BENCH_FLAGS ?=
BENCH_GO    ?= -benchtime=1s

bench: bench-tools bench-go
	CGO_ENABLED=0 $(GO) build -o $(BENCH_DIR)/bin/scaffold ./cmd/scaffold
	$(GO) run ./cmd/scaffold-bench -scaffold $(BENCH_DIR)/bin/scaffold -tools $(BENCH_DIR) \
		-runs $(BENCH_RUNS) -gobench $(BENCH_DIR)/gobench.txt -out docs/benchmarks.md $(BENCH_FLAGS)
	$(MAKE) bench-serve

## bench-serve: load `scaffold serve` over loopback (bounded by SERVE_BENCH_FLAGS' counts and times); writes its section of docs/benchmarks.md
SERVE_BENCH_FLAGS ?= -requests 3000 -time 5s -rss-requests 50000 -rss-time 90s
bench-serve:
	CGO_ENABLED=0 $(GO) build -o $(BENCH_DIR)/bin/scaffold ./cmd/scaffold
	$(GO) run ./cmd/serve-bench -scaffold $(BENCH_DIR)/bin/scaffold -out docs/benchmarks.md $(SERVE_BENCH_FLAGS)

## bench-go: the engine's benchmarks alone (in memory, per framework, and scaling)
bench-go:
	@mkdir -p $(BENCH_DIR)
	$(GO) test -run '^$$' -bench . -benchmem -count=1 $(BENCH_GO) ./generator/... ./cmd/scaffold/cli > $(BENCH_DIR)/gobench.txt || \
	  { cat $(BENCH_DIR)/gobench.txt; exit 1; }
	@cat $(BENCH_DIR)/gobench.txt

## bench-tools: install the anchors into $(BENCH_DIR) (git-ignored), once; a failure skips them visibly
bench-tools: $(BENCH_DIR)/venv/.installed $(BENCH_DIR)/node/.installed
	@test -x /usr/bin/time || (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null)) || \
	  echo "bench: no GNU time (/usr/bin/time); peak RSS is not measured"

$(BENCH_DIR)/venv/.installed:
	@mkdir -p $(BENCH_DIR)
	( python3 -m venv $(BENCH_DIR)/venv && \
	  $(BENCH_DIR)/venv/bin/pip install -q --disable-pip-version-check 'Django==5.2.*' 'cookiecutter==2.7.1' && \
	  touch $@ ) || echo "bench: could not install Django and cookiecutter; they are skipped"

$(BENCH_DIR)/node/.installed:
	@mkdir -p $(BENCH_DIR)/node
	( npm install --prefix $(BENCH_DIR)/node --no-audit --no-fund --loglevel=error \
	    express-generator@4.16.1 koa-generator@1.1.17 && \
	  touch $@ ) || echo "bench: could not install express-generator and koa-generator; they are skipped"

## Releases (see docs/versioning.md). GoReleaser and actionlint run from the Go
## module proxy at pinned versions, outside scaffold's own module graph: a
## `go install` of scaffold never fetches them.
GORELEASER_VERSION ?= v2.17.0
GORELEASER         ?= $(GO) run github.com/goreleaser/goreleaser/v2@$(GORELEASER_VERSION)
ACTIONLINT_VERSION ?= v1.7.12
ACTIONLINT         ?= $(GO) run github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)
# Man pages carry the commit's date, not today's: archives are reproducible.
SOURCE_DATE_EPOCH  ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

## man: the man pages (section 1), from the cobra commands, into dist-extra/man
man:
	rm -rf dist-extra/man
	$(GO) run ./cmd/scaffold-docs -man dist-extra/man

## completions: the bash, zsh, fish and PowerShell scripts into dist-extra/completions
completions:
	rm -rf dist-extra/completions
	$(GO) run ./cmd/scaffold-docs -completions dist-extra/completions

## release-check: validate .goreleaser.yaml
release-check:
	$(GORELEASER) check

## snapshot: every release archive and checksums.txt into dist/, nothing published, no image
snapshot:
	$(GORELEASER) release --snapshot --clean --skip=docker

## release: publish the tagged commit (release.yml runs it; needs GITHUB_TOKEN and a docker login)
release:
	$(GORELEASER) release --clean $(if $(RELEASE_NOTES),--release-notes=$(RELEASE_NOTES))

## snapshot-test: install this platform's archive from dist/ into a temp dir and run it
snapshot-test: snapshot
	$(GO) test -count=1 -tags snapshot -run TestSnapshotArchive -v ./cmd/scaffold

## actionlint: lint .github/workflows
actionlint:
	$(ACTIONLINT)

clean:
	rm -rf bin dist dist-extra
