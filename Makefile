# The front door. Every target bootstraps first (packages + pinned sources; quiet when done).
#   make run       extract every file in samples/ and print a summary
#   make test      everything: unit, golden, corpus, CLI, fuzz (ASan+UBSan), wasm + JS (Node, Chromium)
#   make build     the native library, CLI, tests and fuzz targets (build/release)
#   make wasm      the four WebAssembly variants (build/wasm-<variant> -> js/wasm/quarry-<variant>.wasm);
#                  WASM_DEBUG=1 builds them -O0 -g with assertions (build/wasm-<variant>-debug)
#   make js        the npm package quarry-wasm (js/dist/), on top of `make wasm`
#   make test-js   the package's Node tests against the real .wasm files
#   make demo      the demo page (web/dist/, built by Vite from the package)
#   make test-browser  headless Chromium: the browser build, workers, the worker pool, the demo page
#   make bench     the benchmarks (bench/RESULTS.md)
#   make coverage  line coverage of src/ (gcovr)
#   make tidy      clang-tidy over src/
SHELL := /bin/bash
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 10

WASM_VARIANTS ?= core pdf office full
WASM_DEBUG ?= 0
# Emscripten 3.1.6 traps (shared/TOOLCHAIN.md): its JS optimizer needs NODE_PATH; pkg-config must not
# leak host paths into wasm builds; ctest's emulator needs --no-experimental-fetch under Node 20.
WASM_ENV := NODE_PATH=/usr/share/nodejs PKG_CONFIG_PATH= PKG_CONFIG_LIBDIR=$(CURDIR)/build/wasm-pkgconfig
WASM_SUFFIX := $(if $(filter 1,$(WASM_DEBUG)),-debug,)

.PHONY: all bootstrap build run test tidy test-native test-asan test-fuzz test-js test-browser test-bench wasm js js-deps demo web-deps coverage bench bench-peers clean

all: build

bootstrap:
	@scripts/bootstrap

build: bootstrap
	@cmake --preset release >/dev/null
	@cmake --build build/release -j $(JOBS)

run: build
	@build/release/bin/quarry --summary samples

test: test-native test-asan test-js test-browser test-bench

test-native: build
	@ctest --test-dir build/release --output-on-failure -j $(JOBS)

# Sanitizer build: the whole test suite again, then each fuzz target for a short run from its seeds.
test-asan: bootstrap
	@cmake --preset asan >/dev/null
	@cmake --build build/asan -j $(JOBS)
	@ctest --test-dir build/asan --output-on-failure -j $(JOBS) -E corpus_quality
	@scripts/run_fuzzers build/asan/fuzz fuzz/seeds $(FUZZ_SECONDS)

wasm: bootstrap
	@mkdir -p build/wasm-pkgconfig
	@for v in $(WASM_VARIANTS); do \
	  dir=build/wasm-$$v$(WASM_SUFFIX); \
	  out=$$($(WASM_ENV) emcmake cmake --preset wasm-$$v -B $$dir \
	    -DCMAKE_CROSSCOMPILING_EMULATOR="/usr/bin/node;--no-experimental-fetch" \
	    -DQUARRY_WASM_DEBUG=$(if $(filter 1,$(WASM_DEBUG)),ON,OFF) 2>&1) || { echo "$$out"; exit 1; }; \
	  $(WASM_ENV) cmake --build $$dir -j $(JOBS) > $$dir.log 2>&1 || { cat $$dir.log; exit 1; }; \
	  mkdir -p js/wasm && cp $$dir/bin/quarry-$$v.wasm js/wasm/; \
	done

# npm ci only when the lockfile changed since the last install.
js/node_modules/.package-lock.json: js/package.json js/package-lock.json
	@cd js && npm ci --no-audit --no-fund --loglevel=error
js-deps: bootstrap js/node_modules/.package-lock.json

js: wasm js-deps
	@cd js && node build.mjs

test-js: js build
	@cd js && node --test --expose-gc --no-experimental-fetch test/*.test.mjs

# The demo consumes the package as a user would: a file:../js dependency, built by Vite.
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@cd web && npm ci --no-audit --no-fund --loglevel=error
web-deps: bootstrap web/node_modules/.package-lock.json

demo: js web-deps
	@cd web && node_modules/.bin/vite build --logLevel warn

# Chromium comes from Debian (scripts/bootstrap --browser); the screenshot of the demo page is
# kept as build/artifacts/demo.png.
test-browser: demo
	@scripts/bootstrap --browser
	@cd js && node --test test-browser/*.test.mjs

# clang-tidy over src/ with the release compile database (.clang-tidy says which checks and why).
tidy: build
	@scripts/tidy build/release

coverage: bootstrap
	@cmake --preset coverage >/dev/null
	@cmake --build build/coverage -j $(JOBS)
	@find build/coverage -name '*.gcda' -delete
	@ctest --test-dir build/coverage -j $(JOBS) >/dev/null || true
	@gcovr --root . --filter 'src/' --object-directory build/coverage --print-summary --txt build/coverage/coverage.txt \
	  | tail -3

# The benchmarks (bench/README.md): Quarry native + wasm and the peer engines, in one run, written to
# bench/RESULTS.md, bench/results.json and bench/warm-latency.png. QUICK=1: fewer documents and
# iterations, written to build/bench-quick/ (what `make test` runs, only to prove the harness works).
QUICK ?=
bench: build bench-peers
	@rm -f build/bench-wasm-build-failed; mkdir -p build; \
	 if ! $(MAKE) --no-print-directory js > build/bench-wasm-build.log 2>&1; then \
	   grep -m3 -E 'error|Error' build/bench-wasm-build.log > build/bench-wasm-build-failed || echo "make js failed" > build/bench-wasm-build-failed; \
	   echo "bench: make js failed (build/bench-wasm-build.log); quarry-wasm is reported as not built" >&2; fi
	@node bench/runner.mjs $(if $(filter 1,$(QUICK)),--quick)

# The peers, pinned by bench/peers/package-lock.json (npm ci again only when the lockfile changes),
# and the newer glibc runtime one of them needs (bench/glibc.sh; a failure there is reported, not fatal).
bench-peers: bootstrap
	@cd bench/peers && if ! cmp -s package-lock.json node_modules/.bench-lock 2>/dev/null; then \
	  npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.bench-lock; fi
	@bench/glibc.sh || echo "bench: no newer glibc runtime; @kreuzberg/node will be reported as not loading" >&2

test-bench:
	@$(MAKE) --no-print-directory bench QUICK=1
	@node bench/check.mjs build/bench-quick

clean:
	rm -rf build js/dist js/wasm web/dist
