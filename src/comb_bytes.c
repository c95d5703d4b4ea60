/* C(n, k) as little-endian magnitude bytes: exact big values for callers
 * that have no GMP (ctypes, cffi, other languages' FFIs).
 *
 * Two-call protocol, nothing for the caller to free:
 *   1. buf == NULL: report a sufficient size from the bit-length bound
 *      (pascalrow_comb_bits_bound), without computing the value;
 *   2. buf of at least that size: write the value, report the exact count.
 */
#include "internal.h"
#include "mem.h"

/* Bytes that hold `bits` bits, or SIZE_MAX when that does not fit size_t
 * (only possible where size_t is narrower than 64 bits). */
static size_t bytes_for_bits(uint64_t bits)
{
    uint64_t bytes = bits / 8 + (bits % 8 != 0);
    return bytes > SIZE_MAX ? SIZE_MAX : (size_t)bytes;
}

int pascalrow_comb_bytes(uint64_t n, uint64_t k, unsigned char *buf, size_t buflen,
                         size_t *written)
{
    if (written == NULL) return PASCALROW_EINVAL;
    *written = 0;
    if (k > n) return PASCALROW_OK;            /* C(n,k) = 0: no bytes */

    /* bitlen C(n,k) ≤ bound, so ceil(bound / 8) bytes always suffice. */
    uint64_t bound_bits = pascalrow_comb_bits_bound(n, k);
    size_t need = bytes_for_bits(bound_bits);
    if (need == SIZE_MAX) return PASCALROW_ERANGE;
    if (buf == NULL || buflen < need) {
        *written = need;
        return buf == NULL ? PASCALROW_OK : PASCALROW_EOVERFLOW;
    }

    mpz_t c;
    mpz_init(c);
    int st = pr_bin_uiui(n, k, c);             /* ENOMEM, not GMP's abort (mem.c) */
    /* least significant byte first (order −1), 1-byte words, no nails; into
     * the caller's buffer, so mpz_export allocates nothing */
    size_t count = 0;
    if (st == PASCALROW_OK) mpz_export(buf, &count, -1, 1, 0, 0, c);
    mpz_clear(c);
    *written = count;
    return st;
}
