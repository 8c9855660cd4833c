# scaffold's own build and tests. `make test` is what CI runs.
GO        ?= go
E2E_RUN   ?= .
E2E_FLAGS ?= -count=1 -v -timeout 85m

.PHONY: all build test test-fast lint unit golden e2e e2e-full fuzz bench clean

all: build

build:
	$(GO) build -o bin/scaffold ./cmd/scaffold

## test: everything — formatting, vet, unit and golden tests, then every framework's e2e run
test: test-fast e2e

## test-fast: everything but the e2e runs (seconds)
test-fast: lint unit

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './testdata/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags e2e ./...

unit:
	$(GO) test -count=1 ./...

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
