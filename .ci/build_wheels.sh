#!/usr/bin/env bash
# Wheels a user can install, for Linux x86_64 or aarch64 (make wheel and
# make wheel-aarch64 run this), built on an x86_64 machine:
#
#   .ci/build_wheels.sh OUTDIR [PYTHON...]
#
# For each CPython given (default: every one tests/tools/all_pythons.sh
# finds), `pip wheel .` with GMP from PyPI (-Dgmp=pypi: cmeel-gmp's
# libgmp.so.10 goes inside the package with GMP's licence), compiled by zig's
# C compiler for WHEEL_ARCH (x86_64, the default, or aarch64) and an old glibc
# (ZIG_GLIBC, default 2.17) so that the wheel runs on any Linux from that
# glibc on, and stripped; then `auditwheel repair` checks it and gives it the
# manylinux tag that glibc allows, and each wheel is checked: every ELF of
# WHEEL_ARCH and asking no newer glibc, both modules named for WHEEL_ARCH,
# libgmp and pascalrow/LICENSE-GMP inside.  aarch64 is a cross build
# (.ci/cross_aarch64.sh: the x86_64 CPython of each version runs
# meson-python; build venvs and cmeel-gmp's aarch64 GMP kept in WORK).
# Needs ZIG (the zig executable, from the ziglang package), AUDITWHEEL and
# patchelf on PATH in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 ]] || { echo "usage: $0 OUTDIR [PYTHON...]" >&2; exit 2; }
out=$1; shift
: "${ZIG:?the zig executable (pip install ziglang)}" "${AUDITWHEEL:?auditwheel}"
glibc=${ZIG_GLIBC:-2.17}
arch=${WHEEL_ARCH:-x86_64}
[[ $(uname -m) == x86_64 ]] || { echo "build_wheels: x86_64 only (elsewhere: cibuildwheel, see docs/getting-started.md)" >&2; exit 2; }
case $arch in
    x86_64) elf_machine='X86-64' ;;
    # shellcheck source=cross_aarch64.sh
    aarch64) elf_machine='AArch64'; source .ci/cross_aarch64.sh ;;
    *) echo "build_wheels: WHEEL_ARCH is x86_64 or aarch64, not $arch" >&2; exit 2 ;;
esac
tag=manylinux_${glibc/./_}_$arch

pythons=("$@")
[[ ${#pythons[@]} -gt 0 ]] || mapfile -t pythons < <(tests/tools/all_pythons.sh --list)
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT
for py in "${pythons[@]}"; do
    echo "build_wheels: $arch, $("$py" -c 'import platform; print(platform.python_version())') ($py)"
    BUILD_PY=$py BUILD_ENV=(CC="$ZIG cc -target x86_64-linux-gnu.$glibc") BUILD_ARGS=()
    [[ $arch == x86_64 ]] || cross_setup "$py"
    env "${BUILD_ENV[@]}" \
        "$BUILD_PY" -m pip wheel -q --disable-pip-version-check --no-deps -w "$raw" "${BUILD_ARGS[@]}" \
        -Csetup-args=-Dgmp=pypi -Csetup-args=-Dc_link_args=-s .
    [[ $arch == x86_64 ]] || cross_check "$py"
done
mkdir -p "$out"
# auditwheel's --plat names only the machine's own arch; auto takes the arch
# from the wheel and gives the oldest tag it satisfies (checked below)
plat=$tag
[[ $arch == x86_64 ]] || plat=auto
"$AUDITWHEEL" repair --plat "$plat" -w "$out" "$raw"/*.whl

check=$raw/check
for whl in "$raw"/*.whl; do
    whl=$(ls "$out/$(basename "$whl" | sed -E 's/-linux_[a-z0-9_]+\.whl$//')"-*"$tag"*.whl) \
        || { echo "build_wheels: $(basename "$whl"): no $tag wheel from auditwheel" >&2; exit 1; }
    rm -rf "$check" && python3 -m zipfile -e "$whl" "$check"
    mm=$(basename "$whl" | sed -E 's/.*-cp([0-9]+)-cp[0-9]+-.*/\1/')
    while IFS= read -r f; do
        readelf -h "$f" | grep -q "Machine:.*$elf_machine" || { echo "build_wheels: $f: not $arch" >&2; exit 1; }
        top=$(readelf -V "$f" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
        [[ $(printf '%s\n%s\n' "$top" "$glibc" | sort -V | tail -1) == "$glibc" ]] \
            || { echo "build_wheels: $f asks GLIBC_$top > $glibc" >&2; exit 1; }
    done < <(find "$check" -name '*.so*' -type f)
    for mod in _pascalrow _ufuncs; do
        [[ -f $check/pascalrow/$mod.cpython-$mm-$arch-linux-gnu.so ]] \
            || { echo "build_wheels: $whl: no pascalrow/$mod.cpython-$mm-$arch-linux-gnu.so" >&2; exit 1; }
    done
    gmp=$(cd "$check" && find . -name 'libgmp*.so*')
    [[ -n $gmp ]] || { echo "build_wheels: $whl: no libgmp inside" >&2; exit 1; }
    [[ -f $check/pascalrow/LICENSE-GMP ]] || { echo "build_wheels: $whl: no pascalrow/LICENSE-GMP" >&2; exit 1; }
    echo "build_wheels: $(basename "$whl") checked: $arch, GLIBC <= $glibc, GMP $gmp, pascalrow/LICENSE-GMP"
done
ls -l "$out"
