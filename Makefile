# Backend Tutor — everyday commands. `make test` is what CI runs.
GO ?= go
BIN := bin/backend-tutor
# Stamped into `backend-tutor version`; builds here run with VCS stamping
# off, so the Makefile reads git itself (and falls back outside a clone).
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell date -u +%Y-%m-%d)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.date=$(DATE)

.PHONY: run build dist generate test race lint bench fuzz golden clean

run: ## start the tutor (says first that a fresh machine compiles for a minute or two)
	@echo "Compiling Backend Tutor: on a fresh machine the first run takes a minute or two with no other output; later runs start at once."
	@$(MAKE) --no-print-directory generate
	$(GO) run .

build: generate ## build the binary into bin/
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) .

dist: generate ## release archives for linux, macOS, Windows (amd64, arm64) + SHA256SUMS in dist/
	$(GO) run ./tools/dist -version $(VERSION) -commit $(COMMIT) -date $(DATE) -out dist

generate: ## refresh content/guide.snapshot after editing content/guide/
	@cd content && $(GO) run ./internal/snapgen >/dev/null

test: ## unit, model (teatest), fuzz-seed and real-terminal (tmux) tests
	$(GO) test -count=1 ./...

race: ## the tests again under the race detector (CI runs it; slower)
	$(GO) test -race -count=1 ./...

lint: ## gofmt check, go vet, staticcheck (pinned in go.mod as a tool)
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	GOOS=darwin $(GO) vet ./...
	$(GO) tool staticcheck ./...

bench: ## benchmarks (-benchmem) + start-up harness: one table of figures against budgets (BENCHMARKS.md)
	$(GO) run ./tools/bench $(BENCHFLAGS)

golden: ## rewrite the golden screens (tui/testdata/TestGolden*) after a deliberate change; review the diff
	$(GO) test ./tui -run '^TestGolden' -update

FUZZTIME ?= 60s
fuzz: ## run every fuzz target for FUZZTIME each
	$(GO) test ./content -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME)
	$(GO) test ./content -run '^$$' -fuzz '^FuzzNormalize$$' -fuzztime $(FUZZTIME)
	$(GO) test ./content -run '^$$' -fuzz '^FuzzParseLine$$' -fuzztime $(FUZZTIME)
	$(GO) test ./content/search -run '^$$' -fuzz '^FuzzNormalize$$' -fuzztime $(FUZZTIME)
	$(GO) test ./content -run '^$$' -fuzz '^FuzzLoadLab$$' -fuzztime $(FUZZTIME)
	$(GO) test ./tui/render -run '^$$' -fuzz '^FuzzSanitize$$' -fuzztime $(FUZZTIME)
	$(GO) test ./tui/render -run '^$$' -fuzz '^FuzzTerminal$$' -fuzztime $(FUZZTIME)
	$(GO) test ./tui/render -run '^$$' -fuzz '^FuzzMarkdown$$' -fuzztime $(FUZZTIME)
	$(GO) test ./progress -run '^$$' -fuzz '^FuzzDecodeChapter$$' -fuzztime $(FUZZTIME)
	$(GO) test ./progress -run '^$$' -fuzz '^FuzzDecodeAttempt$$' -fuzztime $(FUZZTIME)
	$(GO) test ./progress -run '^$$' -fuzz '^FuzzTimeMarks$$' -fuzztime $(FUZZTIME)
	$(GO) test ./content/search -run '^$$' -fuzz '^FuzzSectionOf$$' -fuzztime $(FUZZTIME)
	$(GO) test ./content/search -run '^$$' -fuzz '^FuzzSections$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/scheduler -run '^$$' -fuzz '^FuzzReview$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/classreport -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./content/search -run '^$$' -fuzz '^FuzzPlain$$' -fuzztime $(FUZZTIME)
	$(GO) test ./progress -run '^$$' -fuzz '^FuzzDecodeSummary$$' -fuzztime $(FUZZTIME)
	$(GO) test ./progress -run '^$$' -fuzz '^FuzzDecodeCard$$' -fuzztime $(FUZZTIME)
	$(GO) test ./progress -run '^$$' -fuzz '^FuzzDecodePlace$$' -fuzztime $(FUZZTIME)
	$(GO) test ./progress -run '^$$' -fuzz '^FuzzReadRecovery$$' -fuzztime $(FUZZTIME)
	$(GO) test ./content -run '^$$' -fuzz '^FuzzManifest$$' -fuzztime $(FUZZTIME)
	$(GO) test . -run '^$$' -fuzz '^FuzzConfig$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/asciijson -run '^$$' -fuzz '^FuzzEscape$$' -fuzztime $(FUZZTIME)

clean:
	rm -rf bin dist
