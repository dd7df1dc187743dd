# Backend Tutor — everyday commands. `make test` is what CI runs.
GO ?= go
BIN := bin/backend-tutor

.PHONY: run build generate test race lint bench fuzz clean

run: generate ## start the tutor
	$(GO) run .

build: generate ## build the binary into bin/
	$(GO) build -trimpath -o $(BIN) .

generate: ## refresh content/guide.snapshot after editing content/guide/
	@cd content && $(GO) run ./internal/snapgen >/dev/null

test: ## unit, model (teatest), fuzz-seed and real-terminal (tmux) tests
	$(GO) test -count=1 ./...

race: ## the tests again under the race detector (CI runs it; slower)
	$(GO) test -race -count=1 ./...

lint: ## gofmt check, go vet, staticcheck (pinned in go.mod as a tool)
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

bench: ## benchmarks (-benchmem) + start-up harness: one table of figures against budgets (BENCHMARKS.md)
	$(GO) run ./tools/bench $(BENCHFLAGS)

FUZZTIME ?= 60s
fuzz: ## run every fuzz target for FUZZTIME each
	$(GO) test ./content -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME)
	$(GO) test ./content -run '^$$' -fuzz '^FuzzNormalize$$' -fuzztime $(FUZZTIME)
	$(GO) test ./content -run '^$$' -fuzz '^FuzzLoadLab$$' -fuzztime $(FUZZTIME)
	$(GO) test ./tui/render -run '^$$' -fuzz '^FuzzSanitize$$' -fuzztime $(FUZZTIME)
	$(GO) test ./tui/render -run '^$$' -fuzz '^FuzzMarkdown$$' -fuzztime $(FUZZTIME)
	$(GO) test ./progress -run '^$$' -fuzz '^FuzzDecodeChapter$$' -fuzztime $(FUZZTIME)
	$(GO) test ./progress -run '^$$' -fuzz '^FuzzDecodeAttempt$$' -fuzztime $(FUZZTIME)

clean:
	rm -rf bin
