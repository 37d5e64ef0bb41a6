SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --warn-undefined-variables --no-builtin-rules
.DEFAULT_GOAL := help

# Pipeline files; codebooks sit beside them as <name>.codebook.toml.
PIPELINES := $(filter-out %.codebook.toml,$(wildcard pipelines/*.toml))

.PHONY: help tables test clean check-report

help: ## Show this list of targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

tables: ## Run every pipeline in pipelines/ and write its tables under data/tables/
	@for pipeline in $(PIPELINES); do \
		echo "== $$pipeline"; \
		cargo run --quiet -p evtab-cli -- run "$$pipeline" || [ $$? -eq 3 ]; \
	done

test: ## Run every test of the workspace (installs the Frictionless validator into target/py once)
	scripts/python-env.sh >/dev/null
	cargo test --workspace --quiet

clean: ## Remove build artefacts
	cargo clean

check-report: ## Render a fresh report.html with headless Chromium to target/report.png
	scripts/check-report.sh
