SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --warn-undefined-variables --no-builtin-rules
.DEFAULT_GOAL := help

# Pipeline files; codebooks sit beside them as <name>.codebook.toml.
PIPELINES := $(filter-out %.codebook.toml,$(wildcard pipelines/*.toml))

.PHONY: help tables test clean check-report eval eval-exports eval-real eval-dedup bench fuzz

help: ## Show this list of targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

tables: ## Run every pipeline in pipelines/ and write its tables under data/tables/
	@for pipeline in $(PIPELINES); do \
		echo "== $$pipeline"; \
		cargo run --quiet -p evtab-cli -- run "$$pipeline" || [ $$? -eq 3 ]; \
	done

test: ## Run every test of the workspace (prepares the Python validators in target/py first)
	scripts/python-env.sh >/dev/null
	cargo test --workspace --quiet

EVAL_STUDIES ?= 5250
SPLIT ?= dev
EVAL_DIR := target/eval
EVTAB_RELEASE := cargo run --quiet --release -p evtab-cli --

eval: ## Score the pipeline on a generated corpus of about 10,000 documents (EVAL_STUDIES studies)
	rm -rf $(EVAL_DIR)
	$(EVTAB_RELEASE) synth --studies $(EVAL_STUDIES) --seed 1 --out $(EVAL_DIR)
	$(EVTAB_RELEASE) run --quiet --input $(EVAL_DIR)/docs --out $(EVAL_DIR)/tables \
		--codebook pipelines/peer-support.codebook.toml || [ $$? -eq 3 ]
	$(EVTAB_RELEASE) eval --truth $(EVAL_DIR)/truth.json --tables $(EVAL_DIR)/tables

EXPORT_STUDIES ?= 20000
EXPORT_DIR := target/eval-exports

eval-exports: ## Score linking on a generated corpus of export files (EXPORT_STUDIES studies, a tenth exported twice)
	rm -rf $(EXPORT_DIR)
	$(EVTAB_RELEASE) synth --exports --studies $(EXPORT_STUDIES) --seed 1 --out $(EXPORT_DIR)
	$(EVTAB_RELEASE) run --quiet --input $(EXPORT_DIR)/docs --out $(EXPORT_DIR)/tables || [ $$? -eq 3 ]
	$(EVTAB_RELEASE) eval --truth $(EXPORT_DIR)/truth.json --tables $(EXPORT_DIR)/tables

eval-real: ## Score the pipeline on the real labelled corpus, per field and per format (SPLIT=dev or held)
	scripts/eval-real.sh $(SPLIT)

eval-dedup: ## Score deduplication on the real labelled review exports (tests/corpus/dedup/), per set
	scripts/eval-dedup.sh

bench: ## Time the release binary on generated corpora against the floor, and on exports against rispy, nbib and bib-dedupe
	scripts/bench.sh
	scripts/bench-exports.sh

clean: ## Remove build artefacts
	cargo clean

check-report: ## Render a fresh report.html with headless Chromium to target/report.png
	scripts/check-report.sh

# Fuzzing (fuzz/ is its own cargo project). cargo-fuzz needs nightly flags;
# RUSTC_BOOTSTRAP=1 lets the stable toolchain accept them. The sanitizer is
# off: the code has no `unsafe`, and a panic or a hang is what we look for.
FUZZ_SECONDS ?= 600
FUZZ_DOCUMENT_TARGETS := detect parse_dspace parse_fulltext parse_pure parse_aggregator_json parse_vufind parse_ris parse_medline parse_jats parse_csl_json parse_bibtex parse_wos parse_endnote_xml parse_pubmed_xml parse_csv parse_europe_pmc
FUZZ_VALUE_TARGETS := number_words names doi dates
FUZZ_RUN := RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none

fuzz: ## Run every fuzz target for FUZZ_SECONDS seconds (default 600) each
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@cd fuzz && for target in $(FUZZ_DOCUMENT_TARGETS); do \
		echo "== $$target ($(FUZZ_SECONDS) s)"; mkdir -p corpus/$$target; \
		$(FUZZ_RUN) $$target corpus/$$target ../data/raw/peer-support ../tests/fixtures/bad \
			-- -max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=65536 -print_final_stats=1; \
	done
	@cd fuzz && for target in $(FUZZ_VALUE_TARGETS); do \
		echo "== $$target ($(FUZZ_SECONDS) s)"; mkdir -p corpus/$$target; \
		$(FUZZ_RUN) $$target corpus/$$target seeds/values \
			-- -max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=512 -print_final_stats=1; \
	done
