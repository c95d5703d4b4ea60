#!/usr/bin/env bash
# Runs a command with the system's GMP made invisible: in a mount namespace
# of its own, every GMP file of the system is hidden (below), so the command
# sees no gmp.h, no gmp.pc and no libgmp.so / libgmp.a (as on a
# machine without libgmp-dev), and with --runtime no libgmp.so.10 either (as
# on a machine without GMP at all; the compiler itself needs that one, so a
# build runs without --runtime).  Nothing outside the namespace changes.
#
#   tests/tools/without_system_gmp.sh [--runtime] COMMAND [ARG...]
#
# Needs unshare(1) and mount rights: root, or sudo (make test runs it).
set -euo pipefail
runtime=0
if [[ ${1:-} == --runtime ]]; then runtime=1; shift; fi
[[ $# -gt 0 ]] || { echo "usage: $0 [--runtime] COMMAND [ARG...]" >&2; exit 2; }

if [[ ${PR_IN_NAMESPACE:-} != 1 ]]; then
    sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo --preserve-env)
    exec "${sudo[@]}" env PR_IN_NAMESPACE=1 unshare --mount --propagation private "$0" \
        $([[ $runtime == 1 ]] && echo --runtime) "$@"
fi

# Headers: their directory is replaced by a copy without them (a compiler
# must find no gmp.h at all, not an empty one).  Libraries and gmp.pc: an
# empty file bound over each (not a library, not a pkg-config file); the
# development symlink libgmp.so leads to the shared library itself, which
# only --runtime hides.
hidden=0
declare -A header_dirs
while IFS= read -r f; do
    case "$(basename "$f")" in
        libgmp.so.*[0-9]) [[ $runtime == 1 ]] || continue ;;
        *.h) header_dirs[$(dirname "$f")]=1; hidden=$((hidden + 1)); continue ;;
    esac
    mount --bind /dev/null "$f"
    hidden=$((hidden + 1))
done < <(find /usr/include /usr/lib /usr/lib64 /usr/local/include /usr/local/lib /lib /lib64 \
              \( -name gmp.h -o -name 'gmp-*.h' -o -name gmp.pc -o -name 'libgmp.so*' -o -name libgmp.a \) \
              \( -type f -o -type l \) 2>/dev/null | xargs -r readlink -f | sort -u)
copies=()
for dir in "${!header_dirs[@]}"; do
    copy=$(mktemp -d)
    copies+=("$copy")
    cp -a "$dir"/. "$copy"/
    rm -f "$copy"/gmp.h "$copy"/gmp-*.h
    mount --bind "$copy" "$dir"
done
echo "without_system_gmp: $hidden system GMP file(s) hidden$([[ $runtime == 1 ]] && echo ', the shared library too')" >&2
status=0
"$@" || status=$?
for dir in "${!header_dirs[@]}"; do umount "$dir"; done
rm -rf "${copies[@]}"
exit $status
