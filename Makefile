# scaffold's own build and tests. `make test` is what CI runs.
GO        ?= go
E2E_RUN   ?= .
E2E_FLAGS ?= -count=1 -v -timeout 85m

.PHONY: all build test test-fast lint unit golden e2e e2e-full fuzz reliability bench clean

all: build

build:
	$(GO) build -o bin/scaffold ./cmd/scaffold

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

# The fuzz targets (generator/fuzz_test.go), found by name.
FUZZ_TARGETS = $(shell $(GO) test -list '^Fuzz' ./generator | grep '^Fuzz')
# A count, not a duration: with a duration, Go 1.26's fuzz coordinator can fail
# with "context deadline exceeded" at the deadline on a loaded machine, with no
# failing input (golang/go#75804, fixed in Go 1.27).
FUZZTIME ?= 40000x

## fuzz: run each fuzz target for FUZZTIME executions; a failing input is saved under generator/testdata/fuzz
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "== fuzz $$t for $(FUZZTIME)"; \
		$(GO) test ./generator -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME); \
	done

# The tests docs/reliability.md reports on, and the fuzz executions per target.
RELIABILITY_RUN ?= ^(TestBadInput|TestBadInputControl|TestInterrupt|TestWriteFault|TestReadOnlyMidWay|TestRace|TestRaceBuiltin|TestBrokenTemplates|TestWrite.*|Test.*Suggestions.*|TestFlagGivenTwice|Fuzz.*)$$
RELIABILITY_FUZZ_EXECS ?= 20000

## reliability: run the reliability tests and RELIABILITY_FUZZ_EXECS executions of each fuzz target; rewrite docs/reliability.md
reliability:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	echo "== reliability tests"; \
	$(GO) test -count=1 -json -run '$(RELIABILITY_RUN)' ./cmd/scaffold/reliability ./generator ./cmd/scaffold/cli > "$$tmp/tests.json" || true; \
	for t in $(FUZZ_TARGETS); do \
		echo "== fuzz $$t: $(RELIABILITY_FUZZ_EXECS) executions"; \
		$(GO) test ./generator -run '^$$' -fuzz "^$$t\$$" -fuzztime $(RELIABILITY_FUZZ_EXECS)x > "$$tmp/$$t.log" 2>&1 || true; \
		echo "$$t $(RELIABILITY_FUZZ_EXECS) $$tmp/$$t.log" >> "$$tmp/fuzz.txt"; \
	done; \
	$(GO) run ./cmd/reliability-report -tests "$$tmp/tests.json" -fuzz "$$tmp/fuzz.txt" -o docs/reliability.md && \
	echo "wrote docs/reliability.md"

## golden: rewrite testdata/golden from the templates; review the diff before committing
golden:
	$(GO) test -count=1 ./generator -run 'TestGolden' -update

## e2e: generate every golden case and run it with its own toolchain (E2E_RUN=gin/default for one)
e2e:
	$(GO) test -tags e2e $(E2E_FLAGS) -run 'TestE2E$$/$(E2E_RUN)' ./generator

## e2e-full: the runs this machine cannot do (Rails, Laravel need RubyGems/Packagist); they say why
e2e-full:
	$(GO) test -tags e2e $(E2E_FLAGS) -run 'TestE2EFull/$(E2E_RUN)' ./generator

clean:
	rm -rf bin
