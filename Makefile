# pascalrow — two set-up commands for a fresh machine:
#   make test    creates .venv, builds, runs every C and Python test
#   make bench   creates .venv, builds, prints pascalrow against its peers
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BUILD ?= build
VBIN := $(CURDIR)/$(VENV)/bin
VPY := $(VBIN)/python
# The venv's meson and ninja first: the build must not depend on what else is on PATH.
RUN := PATH="$(VBIN):$$PATH"
BUILD_DEPS := meson-python meson ninja
TEST_DEPS := pytest hypothesis

.PHONY: all test test-c test-py bench bench-quick bench-peers bench-walk install check-gmp clean distclean
all: install

check-gmp:
	@printf '#include <gmp.h>\nint main(void){mpz_t z; mpz_init(z); mpz_clear(z); return 0;}\n' \
	  | $(CC) -x c - -lgmp -o /dev/null 2>/dev/null \
	  || { echo "GMP not found: install it with 'apt-get install libgmp-dev' (Debian/Ubuntu)" >&2; exit 1; }

$(VPY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.deps: $(VPY) Makefile
	$(VPY) -m pip install -q --disable-pip-version-check $(BUILD_DEPS) $(TEST_DEPS)
	touch $@

# The package, built by meson-python into the venv like any user's pip
# install (the build directory is kept so rebuilds are incremental).
install: check-gmp $(VENV)/.deps
	$(RUN) $(VPY) -m pip install -q --disable-pip-version-check --no-build-isolation --no-deps \
	  -Cbuild-dir=$(BUILD)/py .

# The C library and its tests, in a build of their own (no Python needed).
test-c: check-gmp $(VENV)/.deps
	@[ -f $(BUILD)/c/build.ninja ] || $(RUN) meson setup $(BUILD)/c -Dpython=false
	$(RUN) meson test -C $(BUILD)/c --print-errorlogs

test-py: install
	$(RUN) $(VPY) -m pytest tests

test: test-c test-py

# The benchmark's Python peers (the `bench` extra in pyproject.toml) ...
$(VENV)/.bench-deps: $(VENV)/.deps pyproject.toml
	$(RUN) $(VPY) -m pip install -q --disable-pip-version-check --no-build-isolation \
	  -Cbuild-dir=$(BUILD)/py ".[bench]"
	touch $@

# ... and its C peers (seed-style extension, the floor), a meson project of
# their own in bench/peers, never part of the package.
bench-peers: $(VENV)/.deps
	@[ -f $(BUILD)/bench/build.ninja ] || $(RUN) meson setup $(BUILD)/bench bench/peers
	$(RUN) meson compile -C $(BUILD)/bench

bench: install $(VENV)/.bench-deps bench-peers
	PYTHONPATH=$(BUILD)/bench $(VPY) bench/bench_rows.py

bench-quick: install $(VENV)/.bench-deps bench-peers
	PYTHONPATH=$(BUILD)/bench $(VPY) bench/bench_rows.py --quick

# The engine alone, in C: where the time of a row goes before Python
# (bench/c/walk_speed.c; bench/README.md quotes it).
bench-walk: check-gmp
	@mkdir -p $(BUILD)
	$(CC) -O2 -Iinclude bench/c/walk_speed.c src/*.c -lgmp -lm -lpthread -o $(BUILD)/walk_speed
	$(BUILD)/walk_speed 100 999 3000 10000 50000

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf $(VENV)
