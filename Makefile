# The front door. Every target bootstraps first (packages + pinned sources; quiet when done).
#   make run       extract every file in samples/ and print a summary
#   make test      everything: unit, golden, corpus, CLI, fuzz (ASan+UBSan), wasm + JS (Node, Chromium)
#   make build     the native library, CLI, tests and fuzz targets (build/release)
#   make bench     the benchmarks (bench/RESULTS.md)
#   make coverage  line coverage of src/ (gcovr)
SHELL := /bin/bash
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 10

.PHONY: all bootstrap build run test test-native test-asan test-fuzz coverage bench clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake --preset release >/dev/null
	@cmake --build build/release -j $(JOBS)

run: build
	@build/release/bin/quarry --summary samples

test: test-native test-asan

test-native: build
	@ctest --test-dir build/release --output-on-failure -j $(JOBS)

# Sanitizer build: the whole test suite again, then each fuzz target for a short run from its seeds.
test-asan: bootstrap
	@cmake --preset asan >/dev/null
	@cmake --build build/asan -j $(JOBS)
	@ctest --test-dir build/asan --output-on-failure -j $(JOBS) -E corpus_quality
	@scripts/run_fuzzers build/asan/fuzz fuzz/seeds $(FUZZ_SECONDS)

coverage: bootstrap
	@cmake --preset coverage >/dev/null
	@cmake --build build/coverage -j $(JOBS)
	@find build/coverage -name '*.gcda' -delete
	@ctest --test-dir build/coverage -j $(JOBS) >/dev/null || true
	@gcovr --root . --filter 'src/' --object-directory build/coverage --print-summary --txt build/coverage/coverage.txt \
	  | tail -3

bench: build
	@echo "bench: the benchmark harness arrives with issue 4; nothing is measured yet." >&2

clean:
	rm -rf build
