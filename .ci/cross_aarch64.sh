# Sourced by .ci/build_wheels.sh for WHEEL_ARCH=aarch64: what a Linux aarch64
# wheel built on an x86_64 machine needs beyond the x86_64 build.
#
# cross_setup PY (an x86_64 CPython X.Y, which runs meson-python) makes, under
# $WORK/cpXY, everything the build of the cpXY wheel takes, and sets
#   BUILD_PY    the Python that runs pip wheel: a venv of PY's ($WORK/venv-X.Y)
#               with meson-python, meson, ninja and numpy (the build runs
#               without build isolation, which would replace PYTHONPATH and
#               install the build machine's x86_64 cmeel-gmp);
#   BUILD_ENV   the environment of that pip wheel (VAR=value words);
#   BUILD_ARGS  its extra arguments (the meson cross file, the build directory).
# The pieces:
#   * compiler: zig's C compiler for aarch64-linux-gnu.$glibc, in a meson
#     cross file ([host_machine] aarch64);
#   * GMP: cmeel-gmp's aarch64 wheel (its libgmp.so.10 asks only GLIBC_2.17),
#     unpacked once into $WORK/gmp; its cmeel.prefix is put on the build
#     Python's sys.path (PYTHONPATH), where meson.build's -Dgmp=pypi looks
#     first, so libgmp.so.10 and LICENSE-GMP go into the package as on
#     x86_64 (checked in meson's log after the build: cross_check);
#   * CPython headers: PY's own, with pyconfig.h's four architecture lines
#     set as an aarch64 CPython has them (HAVE_GCC_ASM_FOR_X64,
#     HAVE_GCC_ASM_FOR_X87, HAVE_USABLE_WCHAR_T, PY_SUPPORT_TIER; the only
#     lines in which Debian's x86_64 and arm64 pyconfig.h differ);
#   * extension suffix and wheel tag: CPython's cross-build hooks.
#     _PYTHON_SYSCONFIGDATA_NAME selects a sysconfigdata module made from
#     PY's own (x86_64 -> aarch64, INCLUDEPY -> the headers above), so meson
#     names the modules *.cpython-XY-aarch64-linux-gnu.so;
#     _PYTHON_HOST_PLATFORM=linux-aarch64 makes meson-python tag the wheel
#     linux_aarch64;
#   * NumPy headers (pascalrow._ufuncs): meson.build takes them from the build
#     venv's x86_64 NumPy; they must be byte for byte those of NumPy's
#     aarch64 wheel of the same version (checked).
# Build venvs and GMP are kept and reused; the rest is made anew each run.

: "${WORK:?a work directory for the aarch64 build venvs and GMP}"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)

cross_setup() {
    local py=$1 m mm X inc cfg want npv
    m=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    mm=${m/./}
    X=$WORK/cp$mm
    BUILD_PY=$WORK/venv-$m/bin/python
    if [[ ! -x $WORK/venv-$m/bin/meson ]]; then
        rm -rf "$WORK/venv-$m" && "$py" -m venv "$WORK/venv-$m"
        "$BUILD_PY" -m pip install -q --disable-pip-version-check meson-python meson ninja numpy
    fi
    if [[ ! -f $WORK/gmp/cmeel.prefix/include/gmp.h ]]; then
        rm -rf "$WORK/gmp" && mkdir -p "$WORK/gmp"
        "$BUILD_PY" -m pip download -q --disable-pip-version-check --no-deps --only-binary :all: \
            --platform manylinux_2_28_aarch64 -d "$WORK/gmp" cmeel-gmp
        "$BUILD_PY" -m zipfile -e "$WORK"/gmp/cmeel_gmp-*.whl "$WORK/gmp"
    fi
    readelf -h "$WORK/gmp/cmeel.prefix/lib/libgmp.so.10" | grep -q 'Machine:.*AArch64' \
        || { echo "cross_aarch64: cmeel-gmp's libgmp.so.10 is not aarch64" >&2; return 1; }
    rm -rf "$X" && mkdir -p "$X/site"

    inc=$("$BUILD_PY" -c 'import sysconfig; print(sysconfig.get_config_var("INCLUDEPY"))')
    cp -r "$inc" "$X/include"
    cfg=$X/include/pyconfig.h
    sed -i -e 's|^#define HAVE_GCC_ASM_FOR_X64 1$|/* #undef HAVE_GCC_ASM_FOR_X64 */|' \
           -e 's|^#define HAVE_GCC_ASM_FOR_X87 1$|/* #undef HAVE_GCC_ASM_FOR_X87 */|' \
           -e 's|^/\* #undef HAVE_USABLE_WCHAR_T \*/$|#define HAVE_USABLE_WCHAR_T 1|' \
           -e 's|^#define PY_SUPPORT_TIER 1$|#define PY_SUPPORT_TIER 2|' "$cfg"
    for want in '/\* #undef HAVE_GCC_ASM_FOR_X64 \*/' '/\* #undef HAVE_GCC_ASM_FOR_X87 \*/' \
                '#define HAVE_USABLE_WCHAR_T 1' '#define PY_SUPPORT_TIER 2'; do
        grep -q "^$want\$" "$cfg" || { echo "cross_aarch64: pyconfig.h $m: '$want' not set" >&2; return 1; }
    done

    "$BUILD_PY" - "$X/site/_sysconfigdata__linux_aarch64-linux-gnu.py" "$X/include" <<'EOF'
import pprint, sys, sysconfig
out, include = sys.argv[1:]
v = {}
for key, val in sysconfig.get_config_vars().items():
    if isinstance(val, str):
        val = val.replace("x86_64-pc-linux-gnu", "aarch64-unknown-linux-gnu").replace("x86_64-linux-gnu", "aarch64-linux-gnu")
    v[key] = val
v["INCLUDEPY"] = v["CONFINCLUDEPY"] = include
for key in ("EXT_SUFFIX", "SOABI", "MULTIARCH"):
    assert "aarch64" in v[key], (key, v[key])
with open(out, "w") as f:
    f.write("# aarch64 sysconfigdata for a cross build (.ci/cross_aarch64.sh)\nbuild_time_vars = ")
    pprint.pprint(v, stream=f)
EOF
    ln -s "$WORK/gmp/cmeel.prefix" "$X/site/cmeel.prefix"

    npv=$("$BUILD_PY" -c 'import numpy; print(numpy.__version__)')
    mkdir -p "$X/numpy"
    "$BUILD_PY" -m pip download -q --disable-pip-version-check --no-deps --only-binary :all: \
        --platform manylinux_2_28_aarch64 --python-version "$m" --implementation cp --abi "cp$mm" \
        -d "$WORK/numpy-wheels" "numpy==$npv"
    "$BUILD_PY" -m zipfile -e "$WORK"/numpy-wheels/numpy-"$npv"-cp"$mm"-*aarch64*.whl "$X/numpy"
    diff -r "$X/numpy/numpy/_core/include" "$(cd / && "$BUILD_PY" -c 'import numpy; print(numpy.get_include())')" \
        || { echo "cross_aarch64: NumPy $npv's x86_64 and aarch64 headers differ" >&2; return 1; }
    rm -rf "$X/numpy"

    cat > "$X/cross.ini" <<EOF
# meson cross file: Linux aarch64, zig's C compiler for glibc $glibc
[binaries]
c = ['$ZIG', 'cc', '-target', 'aarch64-linux-gnu.$glibc']
ar = ['$ZIG', 'ar']
python = '$BUILD_PY'

[host_machine]
system = 'linux'
cpu_family = 'aarch64'
cpu = 'aarch64'
endian = 'little'

[properties]
needs_exe_wrapper = true
EOF
    BUILD_ENV=(PYTHONPATH="$X/site" _PYTHON_SYSCONFIGDATA_NAME=_sysconfigdata__linux_aarch64-linux-gnu
               _PYTHON_HOST_PLATFORM=linux-aarch64)
    BUILD_ARGS=(--no-build-isolation -Cbuild-dir="$X/build" -Csetup-args=--cross-file="$X/cross.ini")
}

# cross_check PY: after the build, meson took cmeel-gmp's aarch64 GMP.
cross_check() {
    local mm
    mm=$("$1" -c 'import sys; print("%d%d" % sys.version_info[:2])')
    grep -q "GMP from PyPI (cmeel-gmp): $WORK/cp$mm/site/cmeel.prefix" "$WORK/cp$mm/build/meson-logs/meson-log.txt" \
        || { echo "cross_aarch64: cp$mm was not built against the aarch64 GMP" >&2; return 1; }
}
