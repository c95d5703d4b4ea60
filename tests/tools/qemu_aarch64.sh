#!/usr/bin/env bash
# The Linux aarch64 wheels run on this x86_64 machine under qemu-user (make
# test-aarch64 runs this after building them):
#
#   tests/tools/qemu_aarch64.sh DIST WORK [PART...]
#
# DIST holds the wheels (.ci/build_wheels.sh with WHEEL_ARCH=aarch64), WORK
# the sysroots and venvs.  PART: smoke, or the stem of a tests/python file
# (pascal_row, comb, ...); by default the selection below.  Environment:
# TARGETS (default "bookworm:3.11 trixie:3.13": a Debian suite and its CPython
# version, the cp311 and cp313 wheels; no reachable suite has an arm64
# CPython 3.12, so cp312 is built and checked but not run), QEMU_CPU (default
# cortex-a72: ARMv8.0-A, as a Raspberry Pi 4 or AWS Graviton 1, so that
# neither the wheel nor GMP nor NumPy may use a newer instruction; qemu's
# default "max" would accept anything), PYTEST_ARGS (extra pytest arguments).
# qemu-aarch64-static must be on PATH (Debian's qemu-user-static).
#
# For each target:
#   1. an arm64 sysroot of its own, WORK/sysroot-SUITE: an apt configuration
#      private to this script (WORK/apt-SUITE: its own sources, lists, cache
#      and an empty dpkg status, APT::Architecture arm64) downloads the
#      closure of pythonX.Y, pythonX.Y-venv and the C++ runtime NumPy needs
#      (libstdc++6, libgcc-s1), and `dpkg -x` unpacks each package there.
#      The machine's dpkg database and apt lists are left alone: arm64's
#      python3.11-minimal is Multi-Arch: allowed, so `dpkg --add-architecture
#      arm64` could not install it beside the machine's own, and Debian 13's
#      CPython can be used on any host.  Kept once complete;
#   2. a venv made by the emulated CPython, whose bin/python* are host shell
#      scripts that exec qemu-aarch64-static -L SYSROOT with argv[0] = the
#      script (so Python finds pyvenv.cfg, and a test's child that runs
#      sys.executable works without binfmt_misc, which is global to the
#      kernel and not used).  pip comes from Debian's bundled pip wheel, run
#      as a zip (ensurepip runs the bare aarch64 binary in a child, and
#      qemu's -L does not redirect its listxattr on /usr/share/python-wheels).
#      The emulated pip then installs the wheel (so aarch64 pip checks its
#      tag), NumPy's aarch64 wheel, pytest and hypothesis.  Made anew each run;
#   3. under qemu: tests/tools/smoke_installed.py --bundled-gmp, then each
#      file of the selection, run from WORK with --rootdir at the tree as
#      make test-wheel does, with HYPOTHESIS_PROFILE=quick (conftest.py: 25
#      examples) and test_mod_rows_split_over_threads on 2 threads only.
# Each step's time is printed at the end; fails if any part fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
TREE=$PWD
[[ $# -ge 2 ]] || { echo "usage: $0 DIST WORK [PART...]" >&2; exit 2; }
DIST=$(cd "$1" && pwd)
mkdir -p "$2"
W=$(cd "$2" && pwd)
shift 2
TARGETS=${TARGETS:-"bookworm:3.11 trixie:3.13"}
QEMU_CPU=${QEMU_CPU:-cortex-a72}
read -r -a PYTEST_EXTRA <<< "${PYTEST_ARGS:-}"
# exact rows and comb against math.comb with hypothesis and the u32/u64
# boundaries (pascal_row, comb), slices and rows mod m for every class of
# modulus (slice_mod), comb_array (comb_array), Ctrl-C in a modular call
# (ctrl_c_mod)
PARTS=("$@")
[[ ${#PARTS[@]} -gt 0 ]] || PARTS=(smoke pascal_row comb slice_mod comb_array ctrl_c_mod)
command -v qemu-aarch64-static >/dev/null || { echo "qemu_aarch64: no qemu-aarch64-static (qemu-user-static)" >&2; exit 2; }
t0=$(date +%s)
say() { echo "== qemu_aarch64 [$(( $(date +%s) - t0 )) s]: $*"; }
TIMES=()
timed() {   # timed LABEL CMD...: run it, keep "LABEL N s"
    local label=$1 s rc=0; shift
    s=$(date +%s)
    "$@" || rc=$?
    TIMES+=("$label $(( $(date +%s) - s )) s$([[ $rc -eq 0 ]] || echo " (FAILED, status $rc)")")
    return $rc
}

make_sysroot() {   # make_sysroot SUITE X.Y
    local suite=$1 v=$2 A=$W/apt-$1 R=$W/sysroot-$1 suites=$1 n=0 deb
    local pkgs="python$v python$v-venv libstdc++6 libgcc-s1"
    [[ $(head -1 "$R/.complete" 2>/dev/null) == "$pkgs" ]] && return
    rm -rf "$A" "$R"
    mkdir -p "$A"/{state/lists/partial,cache/archives/partial,sources,parts,prefs} "$R"
    : > "$A/status"
    [[ $suite != bookworm ]] || suites="bookworm bookworm-updates"
    cat > "$A/sources/debian.sources" <<EOF
Types: deb
URIs: http://deb.debian.org/debian
Suites: $suites
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    cat > "$A/apt.conf" <<EOF
APT::Architecture "arm64";
APT::Architectures { "arm64"; };
APT::Install-Recommends "false";
Dir::State "$A/state";
Dir::State::status "$A/status";
Dir::Cache "$A/cache";
Dir::Etc::SourceList "/dev/null";
Dir::Etc::SourceParts "$A/sources";
Dir::Etc::Parts "$A/parts";
Dir::Etc::PreferencesParts "$A/prefs";
EOF
    APT_CONFIG=$A/apt.conf apt-get update -q >/dev/null
    # shellcheck disable=SC2086
    APT_CONFIG=$A/apt.conf apt-get install -q -y --download-only $pkgs >/dev/null
    for deb in "$A"/cache/archives/*.deb; do dpkg -x "$deb" "$R"; n=$((n + 1)); done
    # merged /usr (Debian 13): base-files, not unpacked, makes /lib -> usr/lib,
    # where the ELF interpreter /lib/ld-linux-aarch64.so.1 is looked up
    [[ -e $R/lib ]] || ln -s usr/lib "$R/lib"
    [[ -e $R/lib/ld-linux-aarch64.so.1 ]] || { echo "$R: no ld-linux-aarch64.so.1" >&2; return 1; }
    printf '%s\n%s packages\n' "$pkgs" "$n" > "$R/.complete"
}

make_venv() {   # make_venv SUITE X.Y
    local suite=$1 v=$2 R=$W/sysroot-$1 V=$W/venv-$1 mm=${2/./} f pip whl
    rm -rf "$V"
    qemu-aarch64-static -cpu "$QEMU_CPU" -L "$R" "$R/usr/bin/python$v" -m venv --without-pip "$V"
    for f in python python3 "python$v"; do
        rm -f "$V/bin/$f"
        cat > "$V/bin/$f" <<EOF
#!/bin/sh
# aarch64 CPython $v (Debian $suite) under qemu-user
exec qemu-aarch64-static -cpu "\${QEMU_CPU:-$QEMU_CPU}" -L "$R" -0 "\$0" "$R/usr/bin/python$v" "\$@"
EOF
        chmod +x "$V/bin/$f"
    done
    pip=$(ls "$R"/usr/share/python-wheels/pip-*.whl)
    "$V/bin/python" "$pip/pip" install -q --disable-pip-version-check --no-index "$pip"
    whl=$(ls "$DIST"/pascalrow-*-cp"$mm"-cp"$mm"-manylinux*_aarch64.whl)
    "$V/bin/python" -m pip install -q --disable-pip-version-check "$whl" numpy pytest hypothesis
}

run_part() {   # run_part SUITE PART
    local V=$W/venv-$1 part=$2 only=() t
    if [[ $part == smoke ]]; then
        "$V/bin/python" tests/tools/smoke_installed.py --bundled-gmp
        return
    fi
    if [[ $part == slice_mod ]]; then
        for t in 1 3 4 8; do
            only+=(--deselect "tests/python/test_slice_mod.py::test_mod_rows_split_over_threads[$t]")
        done
    fi
    ( cd "$W" && HYPOTHESIS_PROFILE=quick "$V/bin/python" -m pytest -x -q -p no:cacheprovider \
        --rootdir="$TREE" "${only[@]}" "${PYTEST_EXTRA[@]}" "$TREE/tests/python/test_$part.py" )
}

say "$(qemu-aarch64-static --version | head -1), -cpu $QEMU_CPU; wheels: $(cd "$DIST" && echo *.whl)"
status=0
for target in $TARGETS; do
    suite=${target%%:*} v=${target#*:}
    timed "$suite sysroot" make_sysroot "$suite" "$v"
    say "$suite: $W/sysroot-$suite ($(tail -1 "$W/sysroot-$suite/.complete"), $(du -sh "$W/sysroot-$suite" | cut -f1))"
    timed "$suite venv + pip install" make_venv "$suite" "$v"
    "$W/venv-$suite/bin/python" -c 'import platform, numpy, pascalrow, hypothesis, pytest
print(f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()};",
      f"NumPy {numpy.__version__}, pytest {pytest.__version__}, hypothesis {hypothesis.__version__},",
      f"pascalrow {pascalrow.__version__}")'
    for part in "${PARTS[@]}"; do
        say "$suite: $part"
        timed "$suite $part" run_part "$suite" "$part" || status=1
    done
done
echo "== qemu_aarch64: times"
printf '   %s\n' "${TIMES[@]}"
echo "== qemu_aarch64: $([[ $status -eq 0 ]] && echo "every part passed" || echo "SOME PART FAILED") ($(( $(date +%s) - t0 )) s)"
exit $status
