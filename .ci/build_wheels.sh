#!/usr/bin/env bash
# Wheels a user can install, for Linux x86_64 (make wheel runs this):
#
#   .ci/build_wheels.sh OUTDIR [PYTHON...]
#
# For each CPython given (default: every one tests/tools/all_pythons.sh
# finds), `pip wheel .` with GMP from PyPI (-Dgmp=pypi: cmeel-gmp's
# libgmp.so.10 goes inside the package with GMP's licence), compiled by zig's
# C compiler for an old glibc (ZIG_GLIBC, default 2.17) so that the wheel
# runs on any Linux from that glibc on, and stripped; then `auditwheel
# repair` checks it and gives it the manylinux tag that glibc allows.  Needs ZIG (the zig
# executable, from the ziglang package) and AUDITWHEEL in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 ]] || { echo "usage: $0 OUTDIR [PYTHON...]" >&2; exit 2; }
out=$1; shift
: "${ZIG:?the zig executable (pip install ziglang)}" "${AUDITWHEEL:?auditwheel}"
glibc=${ZIG_GLIBC:-2.17}
[[ $(uname -m) == x86_64 ]] || { echo "build_wheels: x86_64 only (elsewhere: cibuildwheel, see docs/getting-started.md)" >&2; exit 2; }

pythons=("$@")
[[ ${#pythons[@]} -gt 0 ]] || mapfile -t pythons < <(tests/tools/all_pythons.sh --list)
raw=$(mktemp -d)
trap 'rm -rf "$raw"' EXIT
for py in "${pythons[@]}"; do
    echo "build_wheels: $("$py" -c 'import platform; print(platform.python_version())') ($py)"
    CC="$ZIG cc -target x86_64-linux-gnu.$glibc" "$py" -m pip wheel -q --disable-pip-version-check \
        --no-deps -w "$raw" -Csetup-args=-Dgmp=pypi -Csetup-args=-Dc_link_args=-s .
done
mkdir -p "$out"
"$AUDITWHEEL" repair --plat "manylinux_${glibc/./_}_x86_64" -w "$out" "$raw"/*.whl
ls -l "$out"
