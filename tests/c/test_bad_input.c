/* Bad input to every public C function: NULL pointers, out-of-range and
 * extreme values, impossible sizes.  Each call must return the status its
 * documentation in pascalrow.h promises — never crash, write out of bounds
 * or abort — and the library must still compute correctly afterwards.
 *
 * The statuses are one table (STATUS_CASES below): a row is the call and the
 * status it must return.  A new public function adds its rows there. */
#include "check.h"

#include <pascalrow.h>

#include <inttypes.h>
#include <limits.h>
#include <string.h>

#ifdef __linux__
#  include <sys/resource.h>
#  include <sys/wait.h>
#  include <unistd.h>
#endif

#define BIG (1ull << 62)          /* C(BIG, BIG/2) has about 2^62 bits */

/* --------------------------------------------------------------- sinks */

struct sink_log { uint64_t calls; };

static int logging_sink(void *vctx, uint64_t k, const uint64_t *limbs, size_t nlimbs)
{
    (void)k; (void)limbs; (void)nlimbs;
    ((struct sink_log *)vctx)->calls++;
    return 0;
}

/* -------------------------------------------------------- status table */

struct status_case { const char *call; int got, want; };
#define CASE(call, want) { #call, (call), (want) }

static void check_status_table(void)
{
    uint32_t r32[80];
    uint64_t r64[80];
    struct sink_log log = { 0 };
    mpz_t z, one[2];
    mpz_init(z);
    mpz_init(one[0]);
    mpz_init(one[1]);
    pascalrow_row_u64(4, r64);
    pascalrow_row_u32(4, r32);
    uint64_t m64[8] = { 1, 3, 3, 1 }, lo, hi, v;
    uint64_t vn[3] = { 10, 20, 3 }, vk[3] = { 3, 7, 10 }, vout[3];
    pascalrow_mod_stream *ms = NULL;
    unsigned char bytes[64];
    size_t written, need200 = 0;
    pascalrow_comb_bytes(200, 100, NULL, 0, &need200);       /* 25 bytes or so */
    const uint64_t ks_small[2] = { 2, 3 }, ks_wrap[2] = { UINT64_MAX, 1 };
    const uint64_t ks_big[2] = { BIG / 2, BIG / 2 };         /* C(BIG, BIG/2) */
    const uint64_t ks_max[3] = { UINT64_MAX, 0, 0 };         /* 1 */

    const struct status_case cases[] = {
        /* pascalrow_step_u32/u64: NULL first, then the size_t limit. */
        CASE(pascalrow_step_u32(0, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_step_u32(SIZE_MAX, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_step_u32(SIZE_MAX, r32), PASCALROW_ERANGE),
        CASE(pascalrow_step_u32(SIZE_MAX - 1, r32), PASCALROW_ERANGE),
        CASE(pascalrow_step_u64(0, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_step_u64(SIZE_MAX, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_step_u64(SIZE_MAX, r64), PASCALROW_ERANGE),
        CASE(pascalrow_step_u64(SIZE_MAX - 1, r64), PASCALROW_ERANGE),
        /* pascalrow_row_u32/u64: NULL, one past the limit, SIZE_MAX. */
        CASE(pascalrow_row_u32(0, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_row_u32(PASCALROW_U32_MAX_N + 1, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_row_u32(PASCALROW_U32_MAX_N + 1, r32), PASCALROW_EOVERFLOW),
        CASE(pascalrow_row_u32(SIZE_MAX, r32), PASCALROW_EOVERFLOW),
        CASE(pascalrow_row_u32(PASCALROW_U32_MAX_N, r32), PASCALROW_OK),
        CASE(pascalrow_row_u64(0, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_row_u64(PASCALROW_U64_MAX_N + 1, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_row_u64(PASCALROW_U64_MAX_N + 1, r64), PASCALROW_EOVERFLOW),
        CASE(pascalrow_row_u64(SIZE_MAX, r64), PASCALROW_EOVERFLOW),
        CASE(pascalrow_row_u64(PASCALROW_U64_MAX_N, r64), PASCALROW_OK),
        /* pascalrow_walk: NULL sink, n = 2^64 − 1, empty ranges, an
         * impossible value (its scratch buffer cannot be allocated). */
        CASE(pascalrow_walk(10, 0, 11, NULL, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_walk(UINT64_MAX, 0, 0, NULL, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_walk(UINT64_MAX, 0, 1, logging_sink, &log), PASCALROW_ERANGE),
        CASE(pascalrow_walk(10, 5, 3, logging_sink, &log), PASCALROW_OK),
        CASE(pascalrow_walk(10, 11, UINT64_MAX, logging_sink, &log), PASCALROW_OK),
        CASE(pascalrow_walk(10, UINT64_MAX, UINT64_MAX, logging_sink, &log), PASCALROW_OK),
        CASE(pascalrow_walk(BIG, BIG / 2, BIG / 2 + 1, logging_sink, &log), PASCALROW_ENOMEM),
        CASE(pascalrow_walk(UINT64_MAX - 1, UINT64_MAX / 2, UINT64_MAX / 2 + 1, logging_sink, &log),
             PASCALROW_ENOMEM),
        /* pascalrow_row_mpz: NULL, n ≥ SIZE_MAX, a row that cannot fit
         * (refused before out is touched: one mpz_t is enough). */
        CASE(pascalrow_row_mpz(5, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_row_mpz(UINT64_MAX, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_row_mpz(UINT64_MAX, one), PASCALROW_ERANGE),
        CASE(pascalrow_row_mpz(1ull << 40, one), PASCALROW_ENOMEM),
        CASE(pascalrow_row_mpz(UINT64_MAX - 1, one), PASCALROW_ENOMEM),
        /* pascalrow_slice_mpz: NULL, n = 2^64 − 1, empty ranges (out is not
         * touched: NULL-free but zero-length is fine), impossible values. */
        CASE(pascalrow_slice_mpz(5, 0, 6, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_slice_mpz(5, 3, 2, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_slice_mpz(UINT64_MAX, 0, 1, one), PASCALROW_ERANGE),
        CASE(pascalrow_slice_mpz(10, 7, 3, one), PASCALROW_OK),
        CASE(pascalrow_slice_mpz(10, 11, UINT64_MAX, one), PASCALROW_OK),
        CASE(pascalrow_slice_mpz(BIG, BIG / 2, BIG / 2 + 1, one), PASCALROW_ENOMEM),
        CASE(pascalrow_slice_mpz(BIG, BIG - 1, UINT64_MAX, one), PASCALROW_OK),
        /* pascalrow_row_sum_mpz: NULL, n = 2^64 − 1, empty and clipped
         * slices, an impossible sum (2^BIG), a small sum deep in a big row. */
        CASE(pascalrow_row_sum_mpz(5, 0, 6, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_row_sum_mpz(UINT64_MAX, 0, 1, z), PASCALROW_ERANGE),
        CASE(pascalrow_row_sum_mpz(10, 7, 3, z), PASCALROW_OK),
        CASE(pascalrow_row_sum_mpz(10, 11, UINT64_MAX, z), PASCALROW_OK),
        CASE(pascalrow_row_sum_mpz(BIG, 0, UINT64_MAX, z), PASCALROW_ENOMEM),
        CASE(pascalrow_row_sum_mpz(BIG, BIG / 2, BIG / 2 + 1, z), PASCALROW_ENOMEM),
        CASE(pascalrow_row_sum_mpz(BIG, BIG - 1, UINT64_MAX, z), PASCALROW_OK),
        /* pascalrow_comb_mpz: NULL, k > n, the extremes of uint64_t, an
         * impossible value. */
        CASE(pascalrow_comb_mpz(3, 1, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_comb_mpz(BIG, BIG / 2, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_comb_mpz(5, 6, z), PASCALROW_OK),
        CASE(pascalrow_comb_mpz(0, UINT64_MAX, z), PASCALROW_OK),
        CASE(pascalrow_comb_mpz(UINT64_MAX, UINT64_MAX, z), PASCALROW_OK),
        CASE(pascalrow_comb_mpz(UINT64_MAX, UINT64_MAX - 1, z), PASCALROW_OK),
        CASE(pascalrow_comb_mpz(BIG, BIG / 2, z), PASCALROW_ENOMEM),
        CASE(pascalrow_comb_mpz(UINT64_MAX, UINT64_MAX / 2, z), PASCALROW_ENOMEM),
        /* pascalrow_comb_mpz_threads: the same, with 0, 2 and 1000 threads. */
        CASE(pascalrow_comb_mpz_threads(3, 1, 2, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_comb_mpz_threads(5, 6, 2, z), PASCALROW_OK),
        CASE(pascalrow_comb_mpz_threads(UINT64_MAX, UINT64_MAX - 1, 0, z), PASCALROW_OK),
        CASE(pascalrow_comb_mpz_threads(BIG, BIG / 2, 2, z), PASCALROW_ENOMEM),
        CASE(pascalrow_comb_mpz_threads(UINT64_MAX, UINT64_MAX / 2, 1000, z), PASCALROW_ENOMEM),
        /* pascalrow_comb_bytes: NULL written, k > n, the size query at the
         * extremes, a buffer one byte short, an impossible value (its claimed
         * buffer is never written: the GMP work is refused first). */
        CASE(pascalrow_comb_bytes(5, 2, bytes, sizeof bytes, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_comb_bytes(5, 6, bytes, sizeof bytes, &written), PASCALROW_OK),
        CASE(pascalrow_comb_bytes(0, UINT64_MAX, NULL, 0, &written), PASCALROW_OK),
        CASE(pascalrow_comb_bytes(UINT64_MAX, UINT64_MAX / 2, NULL, 0, &written), PASCALROW_OK),
        CASE(pascalrow_comb_bytes(UINT64_MAX, UINT64_MAX - 1, NULL, 0, &written), PASCALROW_OK),
        CASE(pascalrow_comb_bytes(200, 100, bytes, 0, &written), PASCALROW_EOVERFLOW),
        CASE(pascalrow_comb_bytes(200, 100, bytes, need200 - 1, &written), PASCALROW_EOVERFLOW),
        CASE(pascalrow_comb_bytes(200, 100, bytes, need200, &written), PASCALROW_OK),
        CASE(pascalrow_comb_bytes(BIG, BIG / 2, bytes, SIZE_MAX, &written), PASCALROW_ENOMEM),
        /* pascalrow_slice_hull: NULL outputs, n = 2^64 − 1, empty and
         * clipped ranges. */
        CASE(pascalrow_slice_hull(10, 0, 11, NULL, &hi), PASCALROW_EINVAL),
        CASE(pascalrow_slice_hull(10, 0, 11, &lo, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_slice_hull(UINT64_MAX, 0, 1, &lo, &hi), PASCALROW_ERANGE),
        CASE(pascalrow_slice_hull(10, 7, 3, &lo, &hi), PASCALROW_OK),
        CASE(pascalrow_slice_hull(10, UINT64_MAX, UINT64_MAX, &lo, &hi), PASCALROW_OK),
        CASE(pascalrow_slice_hull(UINT64_MAX - 1, 0, UINT64_MAX, &lo, &hi), PASCALROW_OK),
        /* pascalrow_slice_u32/u64: NULL (even for an empty slice),
         * n = 2^64 − 1, start > stop, values past the width (refused from
         * the bound, or by the walk one past the limit). */
        CASE(pascalrow_slice_u64(10, 0, 11, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_slice_u64(10, 5, 3, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_slice_u64(UINT64_MAX, 0, 1, r64), PASCALROW_ERANGE),
        CASE(pascalrow_slice_u64(10, 5, 3, r64), PASCALROW_OK),
        CASE(pascalrow_slice_u64(10, 11, UINT64_MAX, r64), PASCALROW_OK),
        CASE(pascalrow_slice_u64(PASCALROW_U64_MAX_N + 1, 30, 40, r64), PASCALROW_EOVERFLOW),
        CASE(pascalrow_slice_u64(BIG, BIG / 2, BIG / 2 + 1, r64), PASCALROW_EOVERFLOW),
        CASE(pascalrow_slice_u64(UINT64_MAX - 1, 0, 2, r64), PASCALROW_OK),
        CASE(pascalrow_slice_u64(UINT64_MAX - 1, 0, 3, r64), PASCALROW_EOVERFLOW),
        CASE(pascalrow_slice_u32(10, 0, 11, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_slice_u32(UINT64_MAX, 0, 1, r32), PASCALROW_ERANGE),
        CASE(pascalrow_slice_u32(10, 5, 3, r32), PASCALROW_OK),
        CASE(pascalrow_slice_u32(PASCALROW_U32_MAX_N + 1, 0, PASCALROW_U32_MAX_N + 2, r32),
             PASCALROW_EOVERFLOW),
        CASE(pascalrow_slice_u32(1ull << 32, 0, 2, r32), PASCALROW_EOVERFLOW),
        CASE(pascalrow_slice_u32((1ull << 32) - 1, 0, 2, r32), PASCALROW_OK),
        /* pascalrow_step_mod: NULL, m = 0, m ≥ 2^63, the size_t limit. */
        CASE(pascalrow_step_mod(3, 7, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_step_mod(3, 0, m64), PASCALROW_EINVAL),
        CASE(pascalrow_step_mod(3, PASCALROW_MOD_MAX + 1, m64), PASCALROW_EINVAL),
        CASE(pascalrow_step_mod(3, UINT64_MAX, m64), PASCALROW_EINVAL),
        CASE(pascalrow_step_mod(SIZE_MAX, 7, m64), PASCALROW_ERANGE),
        CASE(pascalrow_step_mod(SIZE_MAX - 1, 7, m64), PASCALROW_ERANGE),
        CASE(pascalrow_step_mod(3, PASCALROW_MOD_MAX, m64), PASCALROW_OK),
        /* pascalrow_slice_mod: NULL, m out of range, n = 2^64 − 1, empty. */
        CASE(pascalrow_slice_mod(5, 0, 6, 7, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_slice_mod(5, 0, 6, 0, m64), PASCALROW_EINVAL),
        CASE(pascalrow_slice_mod(5, 0, 6, 1ull << 63, m64), PASCALROW_EINVAL),
        CASE(pascalrow_slice_mod(5, 0, 6, UINT64_MAX, m64), PASCALROW_EINVAL),
        CASE(pascalrow_slice_mod(UINT64_MAX, 0, 1, 7, m64), PASCALROW_ERANGE),
        CASE(pascalrow_slice_mod(10, 7, 3, 7, m64), PASCALROW_OK),
        CASE(pascalrow_slice_mod(10, UINT64_MAX, UINT64_MAX, 7, m64), PASCALROW_OK),
        CASE(pascalrow_slice_mod(UINT64_MAX - 1, 0, 3, 1, m64), PASCALROW_OK),
        /* pascalrow_row_sum_mod: NULL, m out of range, n = 2^64 − 1, empty,
         * the whole of the last row. */
        CASE(pascalrow_row_sum_mod(5, 0, 6, 7, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_row_sum_mod(5, 0, 6, 0, m64), PASCALROW_EINVAL),
        CASE(pascalrow_row_sum_mod(5, 0, 6, 1ull << 63, m64), PASCALROW_EINVAL),
        CASE(pascalrow_row_sum_mod(UINT64_MAX, 0, 1, 7, m64), PASCALROW_ERANGE),
        CASE(pascalrow_row_sum_mod(10, 7, 3, 7, m64), PASCALROW_OK),
        CASE(pascalrow_row_sum_mod(10, UINT64_MAX, UINT64_MAX, 7, m64), PASCALROW_OK),
        CASE(pascalrow_row_sum_mod(UINT64_MAX - 1, 0, UINT64_MAX, PASCALROW_MOD_MAX, m64), PASCALROW_OK),
        /* pascalrow_comb_mod: NULL, m out of range, k > n, the extremes. */
        CASE(pascalrow_comb_mod(5, 2, 7, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_comb_mod(5, 2, 0, m64), PASCALROW_EINVAL),
        CASE(pascalrow_comb_mod(5, 2, 1ull << 63, m64), PASCALROW_EINVAL),
        CASE(pascalrow_comb_mod(5, 6, 7, m64), PASCALROW_OK),
        CASE(pascalrow_comb_mod(UINT64_MAX, UINT64_MAX, PASCALROW_MOD_MAX, m64), PASCALROW_OK),
        CASE(pascalrow_comb_mod(UINT64_MAX, 1, 1, m64), PASCALROW_OK),
        /* pascalrow_limbs_to_digits: NULL with limbs to read, digit_bits
         * outside 1..32, no limbs at all. */
        CASE(pascalrow_limbs_to_digits(NULL, 1, 30, r32), PASCALROW_EINVAL),
        CASE(pascalrow_limbs_to_digits(m64, 1, 30, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_limbs_to_digits(m64, 1, 0, r32), PASCALROW_EINVAL),
        CASE(pascalrow_limbs_to_digits(m64, 1, 33, r32), PASCALROW_EINVAL),
        CASE(pascalrow_limbs_to_digits(NULL, 0, 30, NULL), PASCALROW_OK),
        CASE(pascalrow_limbs_to_digits(m64, 4, 32, r32), PASCALROW_OK),
        /* pascalrow_memory_available: nothing, more than any object, more
         * than any machine. */
        CASE(pascalrow_memory_available(0), PASCALROW_OK),
        CASE(pascalrow_memory_available(UINT64_MAX), PASCALROW_ENOMEM),
        CASE(pascalrow_memory_available(BIG), PASCALROW_ENOMEM),
        /* pascalrow_triangle_next: NULL. */
        CASE(pascalrow_triangle_next(NULL), PASCALROW_EINVAL),
        /* pascalrow_multinomial_mpz: NULL out, NULL ks with count > 0, a sum
         * past 2^64 − 1, an impossible value, the empty product. */
        CASE(pascalrow_multinomial_mpz(ks_small, 2, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_multinomial_mpz(NULL, 1, z), PASCALROW_EINVAL),
        CASE(pascalrow_multinomial_mpz(NULL, 0, z), PASCALROW_OK),
        CASE(pascalrow_multinomial_mpz(ks_wrap, 2, z), PASCALROW_ERANGE),
        CASE(pascalrow_multinomial_mpz(ks_big, 2, z), PASCALROW_ENOMEM),
        CASE(pascalrow_multinomial_mpz(ks_max, 3, z), PASCALROW_OK),
        /* pascalrow_valuation: NULL out, k > n, p not prime (0, 1, composite,
         * 2^64 − 1). */
        CASE(pascalrow_valuation(10, 3, 2, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_valuation(3, 10, 2, &v), PASCALROW_EINVAL),
        CASE(pascalrow_valuation(10, 3, 0, &v), PASCALROW_EINVAL),
        CASE(pascalrow_valuation(10, 3, 1, &v), PASCALROW_EINVAL),
        CASE(pascalrow_valuation(10, 3, 91, &v), PASCALROW_EINVAL),
        CASE(pascalrow_valuation(10, 3, UINT64_MAX, &v), PASCALROW_EINVAL),
        CASE(pascalrow_valuation(UINT64_MAX, UINT64_MAX, 2, &v), PASCALROW_OK),
        /* pascalrow_valuations: p not prime, NULL arrays, k > n at index 1,
         * nothing to do (p still tested). */
        CASE(pascalrow_valuations(91, 2, vn, vk, vout, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_valuations(3, 2, NULL, vk, vout, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_valuations(3, 2, vn, vk, NULL, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_valuations(3, 3, vn, vk, vout, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_valuations(3, 0, NULL, NULL, NULL, NULL), PASCALROW_OK),
        CASE(pascalrow_valuations(4, 0, NULL, NULL, NULL, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_valuations(3, 2, vn, vk, vout, NULL), PASCALROW_OK),
        /* pascalrow_mod_stream_new / _next: NULL out, bad moduli, the top
         * row, a NULL stream (nothing is created by these). */
        CASE(pascalrow_mod_stream_new(10, 0, 7, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_mod_stream_new(10, 0, 0, &ms), PASCALROW_EINVAL),
        CASE(pascalrow_mod_stream_new(10, 0, (uint64_t)INT64_MAX + 1, &ms), PASCALROW_EINVAL),
        CASE(pascalrow_mod_stream_new(UINT64_MAX, 0, 7, &ms), PASCALROW_ERANGE),
        CASE(pascalrow_mod_stream_next(NULL, 1, vout), PASCALROW_EINVAL),
        /* pascalrow_comb_u64: NULL out, a value past 2^64, k > n. */
        CASE(pascalrow_comb_u64(10, 3, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_comb_u64(68, 34, &v), PASCALROW_EOVERFLOW),
        CASE(pascalrow_comb_u64(UINT64_MAX, 2, &v), PASCALROW_EOVERFLOW),
        CASE(pascalrow_comb_u64(3, 10, &v), PASCALROW_OK),
        /* pascalrow_binomial_mpz: NULL out, an impossible value, C(−1, k). */
        CASE(pascalrow_binomial_mpz(-5, 3, NULL), PASCALROW_EINVAL),
        CASE(pascalrow_binomial_mpz(INT64_MIN, UINT64_MAX, z), PASCALROW_ENOMEM),
        CASE(pascalrow_binomial_mpz(-1, UINT64_MAX, z), PASCALROW_OK),
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        CHECK(cases[i].got == cases[i].want, "%s returned %d (%s), documented %d (%s)",
              cases[i].call, cases[i].got, pascalrow_strerror(cases[i].got),
              cases[i].want, pascalrow_strerror(cases[i].want));

    CHECK(log.calls == 0, "walks over empty or refused ranges called the sink %" PRIu64 " times",
          log.calls);
    mpz_clear(z);
    mpz_clear(one[0]);
    mpz_clear(one[1]);
}

/* ------------------------------------------------- values at the edges */

static void check_edge_values(void)
{
    /* Size bounds are total functions: 0 iff k > n, at most n, saturated. */
    CHECK(pascalrow_comb_bits_bound(5, 6) == 0 && pascalrow_comb_bits_bound(0, UINT64_MAX) == 0,
          "k > n has no bits");
    CHECK(pascalrow_comb_bits_bound(0, 0) == 1 && pascalrow_comb_bits_bound(UINT64_MAX, UINT64_MAX) == 1
          && pascalrow_comb_bits_bound(UINT64_MAX, 0) == 1, "C(n,0) = C(n,n) = 1: one bit");
    uint64_t b1 = pascalrow_comb_bits_bound(UINT64_MAX, 1);
    CHECK(b1 >= 64 && b1 <= 68, "C(2^64 - 1, 1) has 64 bits, bound %" PRIu64, b1);
    uint64_t mid = pascalrow_comb_bits_bound(UINT64_MAX, UINT64_MAX / 2);
    CHECK(mid <= UINT64_MAX && mid >= UINT64_MAX - 40, "bound at the middle of row 2^64 - 1: %" PRIu64, mid);
    CHECK(pascalrow_row_half_bits(0) >= 1 && pascalrow_row_half_bits(UINT64_MAX) == UINT64_MAX
          && pascalrow_row_half_bits(1ull << 33) == UINT64_MAX, "row_half_bits at the extremes");

    /* strerror is total: every int has a non-empty static message. */
    const int odd[] = { -1, INT_MIN, INT_MAX, 6, 1000 };
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        const char *s = pascalrow_strerror(odd[i]);
        CHECK(s != NULL && strstr(s, "unknown") != NULL, "strerror(%d)", odd[i]);
    }
    CHECK(pascalrow_version_number() == PASCALROW_VERSION_NUMBER, "version");

    /* Refused calls leave their outputs alone. */
    mpz_t z;
    mpz_init_set_ui(z, 12345);
    pascalrow_comb_mpz(BIG, BIG / 2, z);
    CHECK(mpz_cmp_ui(z, 12345) == 0, "comb_mpz refused with ENOMEM left out unchanged");
    uint64_t r64[3] = { 7, 7, 7 };
    pascalrow_row_u64(PASCALROW_U64_MAX_N + 1, r64);
    CHECK(r64[0] == 7 && r64[2] == 7, "row_u64 refused with EOVERFLOW wrote nothing");
    pascalrow_comb_mpz(UINT64_MAX, UINT64_MAX - 1, z);
    CHECK(mpz_cmp_ui(z, UINT64_MAX) == 0, "C(2^64 - 1, 2^64 - 2) = 2^64 - 1");
    mpz_clear(z);
}

/* After every refusal, the library still answers correctly. */
static int library_healthy(void)
{
    mpz_t z, want;
    mpz_init(z);
    mpz_init(want);
    mpz_t row[301];
    for (int k = 0; k <= 300; k++) mpz_init(row[k]);
    int ok = pascalrow_comb_mpz(1000, 500, z) == PASCALROW_OK;
    mpz_bin_uiui(want, 1000, 500);
    ok = ok && mpz_cmp(z, want) == 0 && pascalrow_row_mpz(300, row) == PASCALROW_OK;
    for (int k = 0; k <= 300 && ok; k++) {
        mpz_bin_uiui(want, 300, (unsigned long)k);
        ok = mpz_cmp(row[k], want) == 0;
    }
    for (int k = 0; k <= 300; k++) mpz_clear(row[k]);
    mpz_clear(want);
    mpz_clear(z);
    return ok;
}

/* ------------------------------------- a real limit: RLIMIT_AS, in a child */

#if defined(__SANITIZE_ADDRESS__)
#  define HAVE_ASAN 1
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer)
#    define HAVE_ASAN 1
#  endif
#endif

#if defined(__linux__) && !defined(HAVE_ASAN)
/* Bytes of address space this process maps now (/proc/self/statm). */
static uint64_t address_space_in_use(void)
{
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%lu", &pages) != 1) pages = 0;
        fclose(f);
    }
    return (uint64_t)pages * (uint64_t)sysconf(_SC_PAGESIZE);
}

/* With 256 MB of address space to spare, requests GMP would need about a
 * gigabyte for — and abort on without the checks — are ENOMEM; then small
 * ones still work.  Exit status: 0 when all held, else the failed step. */
static int limited_child(void)
{
    struct rlimit rl;
    rl.rlim_cur = rl.rlim_max = address_space_in_use() + (256u << 20);
    if (setrlimit(RLIMIT_AS, &rl) != 0) return 10;
    mpz_t z, two[2];
    mpz_init(z);
    mpz_init(two[0]);
    mpz_init(two[1]);
    struct sink_log log = { 0 };
    const uint64_t n = 1000000000;      /* C(10^9, 5·10^8): 125 MB, GMP needs ~7x that */
    if (pascalrow_comb_mpz(n, n / 2, z) != PASCALROW_ENOMEM) return 1;
    /* the walk's scratch (125 MB) fits; the seed's GMP call does not */
    if (pascalrow_walk(n, n / 2, n / 2 + 1, logging_sink, &log) != PASCALROW_ENOMEM) return 2;
    /* two outputs of 125 MB and the scratch: more than 256 MB */
    if (pascalrow_slice_mpz(n, n / 2, n / 2 + 2, two) != PASCALROW_ENOMEM) return 3;
    if (log.calls != 0) return 4;
    /* multinomial(n/2, n/2) = C(n, n/2): refused, out left alone */
    const uint64_t halves[2] = { n / 2, n / 2 };
    mpz_set_ui(z, 7);
    if (pascalrow_multinomial_mpz(halves, 2, z) != PASCALROW_ENOMEM || mpz_cmp_ui(z, 7) != 0) return 6;
    /* the caller's 125 MB buffer fits; GMP's work for the value does not */
    size_t need = 0, written = 1;
    if (pascalrow_comb_bytes(n, n / 2, NULL, 0, &need) != PASCALROW_OK) return 7;
    unsigned char *buf = malloc(need);
    if (buf == NULL) return 8;
    if (pascalrow_comb_bytes(n, n / 2, buf, need, &written) != PASCALROW_ENOMEM || written != 0) return 9;
    free(buf);
    if (!library_healthy()) return 5;
    mpz_clear(z);
    mpz_clear(two[0]);
    mpz_clear(two[1]);
    return 0;
}

/* The triangle grows until the address space runs out: ENOMEM, not GMP's
 * abort, with the last row still held and correct.  A 1 MB margin is
 * reached near row 2000 (row i holds about 0.09·i² bytes). */
static int triangle_child(void)
{
    pascalrow_triangle *t = pascalrow_triangle_new();
    if (t == NULL) return 20;
    struct rlimit rl;
    rl.rlim_cur = rl.rlim_max = address_space_in_use() + (1u << 20);
    if (setrlimit(RLIMIT_AS, &rl) != 0) return 10;
    int st;
    do st = pascalrow_triangle_next(t);
    while (st == PASCALROW_OK && pascalrow_triangle_n(t) < 100000);
    if (st != PASCALROW_ENOMEM) return 21;
    uint64_t rown = pascalrow_triangle_n(t);
    if (rown < 1500 || pascalrow_triangle_width(t) != 0) return 22;
    const mpz_t *row = pascalrow_triangle_row_mpz(t);
    /* C(n, 1) = n, C(n, n) = 1, and C(n, k) = C(n, n−k) */
    if (mpz_cmp_ui(row[1], rown) != 0 || mpz_cmp_ui(row[rown], 1) != 0
        || mpz_cmp(row[700], row[rown - 700]) != 0)
        return 23;
    if (pascalrow_triangle_next(t) != PASCALROW_ENOMEM || pascalrow_triangle_n(t) != rown) return 24;
    pascalrow_triangle_free(t);
    return library_healthy() ? 0 : 25;
}

static void run_child(int (*child)(void), const char *what)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) _exit(child());
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "fork/wait");
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "%s under RLIMIT_AS: %s %d", what, WIFEXITED(status) ? "failed step" : "killed by signal",
          WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
}

/* Valgrind's own allocations share the process's address space, and with a
 * 1 MB margin they are the ones that fail (valgrind then stops the run): the
 * triangle's tight limit is tested in the plain run. */
static int under_valgrind(void)
{
    const char *pre = getenv("LD_PRELOAD");
    return pre != NULL && strstr(pre, "vgpreload") != NULL;
}

static void check_rlimit(void)
{
    run_child(limited_child, "huge requests");
    if (under_valgrind()) puts("RLIMIT_AS triangle test: not under valgrind");
    else run_child(triangle_child, "the triangle");
}
#else
/* AddressSanitizer maps terabytes of shadow memory, so an address-space
 * limit cannot be set under it; the plain and valgrind runs do this test. */
static void check_rlimit(void) { puts("RLIMIT_AS test: not under AddressSanitizer"); }
#endif

int main(void)
{
    check_status_table();
    check_edge_values();
    check_rlimit();
    CHECK(library_healthy(), "correct results after every refusal");
    return check_report();
}
