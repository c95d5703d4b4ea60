/* Every ISA variant of the library's kernels against the scalar one (the
 * reference), and the scalar ones against GMP, called directly: random
 * inputs and edge cases for each family of src/dispatch.h.
 *   binvert    every odd d below 2^20 and random odd words: d·d⁻¹ = 1;
 *   mulbdiv    sizes of 1 to many limbs, J = 1, 2, 3, ratios from 1 to
 *              2^64 − 1, against mpn_mul_1 + mpn_divexact_1;
 *   mulbdiv4   sizes of 1 to many limbs, one multiplier from 1 to 2^64 − 1
 *              and four odd divisors (small, products of small odd numbers
 *              as the walk's, any odd word), against mpn_mul_1 +
 *              mpn_divexact_1;
 *   repack30   every digit count from 1 to past several 8-digit blocks (ends
 *              mid-quad and mid-block), every start bit 0..7, the input in an
 *              array of exactly PR_REPACK30_READ(nd) bytes and the output in
 *              exactly nd digits (AddressSanitizer and valgrind see any
 *              access past them), against bit-by-bit extraction;
 *   pr_repack  each variant as the walk calls it, every shift 0..63 and
 *              digit widths 1..32, against mpz_export;
 *   montrun    forward and backward passes for odd moduli from 3 to just
 *              below 2^31 and rows up to m − 1, against products modulo m
 *              done by mpz (the scalar one), and each variant against it;
 *              the 64-bit passes (_wide and its variants) against the same
 *              products for odd moduli in [2^31, 2^63) (primes, and a
 *              product of two primes with rows below its smaller one), and
 *              each wide variant against _wide word for word: primes,
 *              composites and random odd moduli of every size from 2^31 to
 *              2^63 − 1, random x0, y0 and q, random c and N, all lanes.
 * A variant this build does not compile, or this CPU cannot run, is named
 * in a printed note, never passed silently.  Links the static library for
 * its internal symbols. */
#include "check.h"
#include "repack.h"

#include <inttypes.h>
#include <string.h>

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint64_t rnd64(void) { return test_rand64(&rng_state); }

/* A random word of 1 to 64 significant bits, or an edge value. */
static uint64_t rnd_word(void)
{
    switch (rnd64() % 8) {
    case 0: return 1;
    case 1: return UINT64_MAX;
    default: return rnd64() >> (rnd64() % 64) | 1;
    }
}

/* ------------------------------------------------------------- binvert */

/* pr_binvert, the kernels' inverses: d · pr_binvert(d) = 1 mod 2^64 for
 * every odd d below 2^20, random odd words and the largest. */
static void check_binvert(void)
{
    long bad = 0;
    for (uint64_t d = 1; d < (1u << 20); d += 2) bad += d * pr_binvert(d) != 1;
    for (int t = 0; t < 100000; t++) {
        uint64_t d = rnd64() | 1;
        bad += d * pr_binvert(d) != 1;
    }
    bad += UINT64_MAX * pr_binvert(UINT64_MAX) != 1;
    CHECK(bad == 0, "pr_binvert: %ld wrong inverses", bad);
}

/* ------------------------------------------------------------- mulbdiv */

/* src[0..s) = Q · o_0 · … · o_{J−1} (Q random, s ≤ size + J limbs), src[s]
 * = 0: every quotient src · a_j / o_j is exact.  Returns s. */
static size_t exact_source(mp_limb_t *src, size_t size, const struct pr_ratio *r, int J, int ones)
{
    for (size_t i = 0; i < size; i++) src[i] = ones ? UINT64_MAX : rnd64();
    src[size - 1] |= 1;
    size_t s = size;
    for (int j = 0; j < J; j++) {
        mp_limb_t carry = mpn_mul_1(src, src, (mp_size_t)s, r[j].o);
        if (carry) src[s++] = carry;
    }
    src[s] = 0;
    return s;
}

/* One pass of fn and of pr_mulbdiv_scalar on the same input: equal, equal
 * to GMP's, and nothing written past dst[j][s]. */
static void check_mulbdiv_case(const char *name, pr_mulbdiv_fn *fn, size_t size, int J, int ones)
{
    struct pr_ratio r[PR_MULBDIV_JMAX] = { { 0, 0, 0 } };
    for (int j = 0; j < J; j++) {
        r[j].a = rnd_word();
        r[j].o = rnd_word() | 1;
        r[j].inv = pr_binvert(r[j].o);
    }
    mp_limb_t *src = malloc((size + J + 1) * sizeof *src);
    size_t s = exact_source(src, size, r, J, ones);
    mp_limb_t *want = malloc((s + 1) * sizeof *want);
    mp_limb_t *got[PR_MULBDIV_JMAX] = { NULL }, *ref[PR_MULBDIV_JMAX] = { NULL };
    for (int j = 0; j < J; j++) {
        got[j] = malloc((s + 2) * sizeof **got);
        ref[j] = malloc((s + 2) * sizeof **ref);
        got[j][s + 1] = ref[j][s + 1] = 0x5a5a5a5a5a5a5a5aull;   /* must survive */
    }
    fn(src, s, got, r, J);
    pr_mulbdiv_scalar(src, s, ref, r, J);
    for (int j = 0; j < J; j++) {
        want[s] = mpn_mul_1(want, src, (mp_size_t)s, r[j].a);
        mpn_divexact_1(want, want, (mp_size_t)(s + 1), r[j].o);
        CHECK(memcmp(ref[j], want, (s + 1) * sizeof *want) == 0,
              "pr_mulbdiv_scalar != GMP: s=%zu J=%d j=%d a=%" PRIx64 " o=%" PRIx64, s, J, j, r[j].a, r[j].o);
        CHECK(memcmp(got[j], ref[j], (s + 1) * sizeof *want) == 0,
              "%s != pr_mulbdiv_scalar: s=%zu J=%d j=%d a=%" PRIx64 " o=%" PRIx64, name, s, J, j, r[j].a, r[j].o);
        CHECK(got[j][s + 1] == 0x5a5a5a5a5a5a5a5aull, "%s wrote past dst[%d][%zu]", name, j, s);
        free(got[j]);
        free(ref[j]);
    }
    free(want);
    free(src);
}

static void check_mulbdiv(const char *name, pr_mulbdiv_fn *fn)
{
    const size_t most = test_quick() ? 40 : 130;
    for (size_t size = 1; size <= most; size++)
        for (int J = 1; J <= PR_MULBDIV_JMAX; J++) {
            check_mulbdiv_case(name, fn, size, J, 0);
            check_mulbdiv_case(name, fn, size, J, 1);
        }
    for (int t = 0; t < (test_quick() ? 3 : 20); t++)
        check_mulbdiv_case(name, fn, 1 + rnd64() % 3000, 1 + (int)(rnd64() % PR_MULBDIV_JMAX), 0);
}

/* ------------------------------------------------------------ mulbdiv4 */

/* An odd divisor: small, a product of small primes as the walk's are, or
 * any odd word up to 2^64 − 1. */
static mp_limb_t rnd_odd(void)
{
    switch (rnd64() % 4) {
    case 0: return 1 + 2 * (rnd64() % 64);
    case 1: return (1 + 2 * (rnd64() % 1000)) * (1 + 2 * (rnd64() % 1000)) * (1 + 2 * (rnd64() % 1000));
    default: return rnd_word() | 1;
    }
}

/* One pass of fn and of pr_mulbdiv4_scalar on the same input, src an exact
 * multiple of every o[j] (exact_source): equal, equal to GMP's
 * mpn_mul_1 + mpn_divexact_1, and nothing written past dst[j][s]. */
static void check_mulbdiv4_case(const char *name, pr_mulbdiv4_fn *fn, size_t size, int ones)
{
    enum { J = PR_MULBDIV4_J };
    struct pr_quotients4 q;
    struct pr_ratio r[J];                     /* for exact_source: the o[j] */
    q.a = rnd64() % 4 == 0 ? UINT64_MAX : rnd_word();
    for (int j = 0; j < J; j++) {
        q.o[j] = r[j].o = rnd_odd();
        q.inv[j] = pr_binvert(q.o[j]);
    }
    mp_limb_t *src = malloc((size + J + 1) * sizeof *src);
    size_t s = exact_source(src, size, r, J, ones);
    mp_limb_t *want = malloc((s + 1) * sizeof *want);
    mp_limb_t *got[J], *ref[J];
    for (int j = 0; j < J; j++) {
        got[j] = malloc((s + 2) * sizeof **got);
        ref[j] = malloc((s + 2) * sizeof **ref);
        got[j][s + 1] = ref[j][s + 1] = 0x5a5a5a5a5a5a5a5aull;   /* must survive */
    }
    fn(src, s, got, &q);
    pr_mulbdiv4_scalar(src, s, ref, &q);
    want[s] = mpn_mul_1(want, src, (mp_size_t)s, q.a);
    mp_limb_t *prod = malloc((s + 1) * sizeof *prod);
    memcpy(prod, want, (s + 1) * sizeof *prod);
    for (int j = 0; j < J; j++) {
        mpn_divexact_1(want, prod, (mp_size_t)(s + 1), q.o[j]);
        CHECK(memcmp(ref[j], want, (s + 1) * sizeof *want) == 0,
              "pr_mulbdiv4_scalar != GMP: s=%zu j=%d a=%" PRIx64 " o=%" PRIx64, s, j, q.a, q.o[j]);
        CHECK(memcmp(got[j], ref[j], (s + 1) * sizeof *want) == 0,
              "%s != pr_mulbdiv4_scalar: s=%zu j=%d a=%" PRIx64 " o=%" PRIx64, name, s, j, q.a, q.o[j]);
        CHECK(got[j][s + 1] == 0x5a5a5a5a5a5a5a5aull, "%s wrote past dst[%d][%zu]", name, j, s);
        free(got[j]);
        free(ref[j]);
    }
    free(prod);
    free(want);
    free(src);
}

static void check_mulbdiv4(const char *name, pr_mulbdiv4_fn *fn)
{
    const size_t most = test_quick() ? 40 : 130;
    for (size_t size = 1; size <= most; size++) {
        check_mulbdiv4_case(name, fn, size, 0);
        check_mulbdiv4_case(name, fn, size, 1);
    }
    for (int t = 0; t < (test_quick() ? 3 : 20); t++)
        check_mulbdiv4_case(name, fn, 1 + rnd64() % 3000, 0);
}

/* ------------------------------------------------------------- repack30 */

/* Digit j of the bits from bit r0 of p, one bit at a time. */
static uint32_t bit_digit(const unsigned char *p, unsigned r0, size_t j)
{
    uint32_t v = 0;
    for (unsigned b = 0; b < 30; b++) {
        size_t bit = r0 + 30 * j + b;
        v |= (uint32_t)((p[bit / 8] >> (bit % 8)) & 1) << b;
    }
    return v;
}

/* fn and pr_repack30_scalar on the same bytes, each into exactly nd digits:
 * equal, and equal to bit-by-bit extraction. */
static void check_repack30_case(const char *name, pr_repack30_fn *fn, size_t nd, unsigned r0)
{
    const size_t nbytes = PR_REPACK30_READ(nd);
    unsigned char *p = malloc(nbytes);
    for (size_t i = 0; i < nbytes; i++) p[i] = (unsigned char)rnd64();
    uint32_t *got = malloc(nd * sizeof *got), *ref = malloc(nd * sizeof *ref);
    fn(got, nd, p, r0);
    pr_repack30_scalar(ref, nd, p, r0);
    int bad_ref = 0, bad = 0;
    for (size_t j = 0; j < nd; j++) {
        bad_ref += ref[j] != bit_digit(p, r0, j);
        bad += got[j] != ref[j];
    }
    CHECK(bad_ref == 0, "pr_repack30_scalar: nd=%zu r0=%u: %d digits wrong", nd, r0, bad_ref);
    CHECK(bad == 0, "%s != pr_repack30_scalar: nd=%zu r0=%u: %d digits differ", name, nd, r0, bad);
    free(ref);
    free(got);
    free(p);
}

static void check_repack30(const char *name, pr_repack30_fn *fn)
{
    const size_t most = test_quick() ? 70 : 300;
    for (unsigned r0 = 0; r0 < 8; r0++) {
        for (size_t nd = 1; nd <= most; nd++) check_repack30_case(name, fn, nd, r0);
        for (int t = 0; t < (test_quick() ? 3 : 20); t++)
            check_repack30_case(name, fn, 1 + rnd64() % 20000, r0);
    }
}

/* ------------------------------------------------------------- pr_repack */

/* A walk value of `size` limbs at `shift` (low shift bits 0, top limb
 * non-zero) in an array of exactly size + PR_VALUE_SLACK limbs, the slack 0;
 * pr_repack with repack30 = fn against GMP's export of value >> shift. */
static void check_repack_case(const char *name, pr_repack30_fn *fn, size_t size, unsigned shift,
                              unsigned bits)
{
    mp_limb_t *limbs = calloc(size + PR_VALUE_SLACK, sizeof *limbs);
    for (size_t i = 0; i < size; i++) limbs[i] = rnd64();
    limbs[0] &= UINT64_MAX << shift;
    if (size == 1 && limbs[0] == 0) limbs[0] = (mp_limb_t)1 << shift;
    if (limbs[size - 1] == 0) limbs[size - 1] = 1;
    struct pr_value v = { limbs, size, shift };
    size_t nd = pr_digit_count(&v, bits);
    uint32_t *got = malloc(nd * sizeof *got), *want = malloc((nd + 1) * sizeof *want);
    pr_repack(got, nd, &v, bits, fn);
    mpz_t z;
    mpz_init(z);
    mpz_import(z, size, -1, sizeof *limbs, 0, 0, limbs);
    mpz_tdiv_q_2exp(z, z, shift);
    size_t count = 0;
    mpz_export(want, &count, -1, sizeof *want, 0, 32 - bits, z);
    CHECK(count == nd && memcmp(got, want, nd * sizeof *got) == 0,
          "pr_repack with %s: size=%zu shift=%u bits=%u: %zu digits, GMP %zu", name, size, shift, bits,
          nd, count);
    mpz_clear(z);
    free(want);
    free(got);
    free(limbs);
}

static void check_repack(const char *name, pr_repack30_fn *fn)
{
    const size_t most = test_quick() ? 12 : 40;
    for (size_t size = 1; size <= most; size++)
        for (unsigned shift = 0; shift < 64; shift++) {
            check_repack_case(name, fn, size, shift, 30);
            check_repack_case(name, fn, size, shift, 1 + (unsigned)(rnd64() % 32));
        }
    for (unsigned bits = 1; bits <= 32; bits++)
        check_repack_case(name, fn, 1 + rnd64() % 500, (unsigned)(rnd64() % 64), bits);
}

/* ------------------------------------------------------------ the choice */

static void test_dispatch(void)
{
    const struct pr_kernels *k = pr_kernels();
    CHECK(k == pr_kernels(), "pr_kernels: one answer per process");
#if PR_HAVE_MULBDIV_X86_64
    CHECK(k->mulbdiv == pr_mulbdiv_x86_64, "x86-64: the assembly mulbdiv runs");
    CHECK(k->mulbdiv4 == pr_mulbdiv4_x86_64, "x86-64: the assembly mulbdiv4 runs");
#else
    CHECK(k->mulbdiv == pr_mulbdiv_scalar, "no assembly mulbdiv: the scalar one runs");
    CHECK(k->mulbdiv4 == pr_mulbdiv4_scalar, "no assembly mulbdiv4: the scalar one runs");
#endif
#if PR_HAVE_REPACK30_AVX2
    CHECK(k->repack30 == (pr_cpu_avx2() ? pr_repack30_avx2 : pr_repack30_scalar),
          "the AVX2 repack runs exactly where the CPU has AVX2");
#else
    CHECK(k->repack30 == pr_repack30_scalar, "no AVX2 repack: the scalar one runs");
#endif
    CHECK(!pr_cpu_avx512() || pr_cpu_avx2(), "AVX-512 only with AVX2");
#if PR_HAVE_MONTRUN_WIDE_AVX512
    CHECK(k->montrun_fwd_wide == (pr_cpu_avx512() ? pr_montrun_fwd_wide_avx512 : pr_montrun_fwd_wide) &&
          k->montrun_bwd_wide == (pr_cpu_avx512() ? pr_montrun_bwd_wide_avx512 : pr_montrun_bwd_wide),
          "the AVX-512 wide montrun runs exactly where the CPU has AVX-512F and DQ");
#else
    CHECK(k->montrun_fwd_wide == pr_montrun_fwd_wide && k->montrun_bwd_wide == pr_montrun_bwd_wide,
          "no AVX-512 wide montrun: the scalar one runs");
#endif
}

/* ------------------------------------------------------------- montrun */

/* x^e mod m by mpz (e ≥ 0), or x^{-1} (e = -1). */
static uint64_t mpz_powm_u64(uint64_t x, long e, uint64_t m)
{
    mpz_t a, b;
    mpz_init_set_ui(a, x);
    mpz_init_set_ui(b, m);
    if (e < 0) mpz_invert(a, a, b);
    else mpz_powm_ui(a, a, (unsigned long)e, b);
    uint64_t r = mpz_get_ui(a);
    mpz_clear(a);
    mpz_clear(b);
    return r;
}

/* fwd/bwd on one block: N, nx, dy against Π x·R^{-i}, and the values against
 * A·Π x/Π y, the products taken by mpz. */
static void check_montrun_case(const char *name, pr_montrun_fwd_fn *fwd, pr_montrun_bwd_fn *bwd,
                               unsigned rbits, uint64_t m, uint64_t n, uint64_t k, unsigned q)
{
    enum { L = PR_MONTRUN_LANES };
    uint64_t N[L * 64], nx[L], dy[L], c[L], A[L];
    uint64_t mni = 0 - pr_binvert(m);
    if (rbits == 32) mni &= UINT32_MAX;
    uint64_t rinv = mpz_powm_u64(mpz_powm_u64(2, rbits, m), -1, m);   /* R^{-1} mod m */
    fwd(n - k, k + 1, q, m, mni, N, nx, dy);
    int bad = 0;
    mpz_t t, mm;
    mpz_init(t);
    mpz_init_set_ui(mm, m);
    for (int j = 0; j < L; j++) {
        uint64_t px = 1, py = 1;
        for (unsigned i = 0; i < q; i++) {
            /* N[i,j] = Π_{s<i} x_s·R^{-i} */
            mpz_set_ui(t, px);
            mpz_mul_ui(t, t, mpz_powm_u64(rinv, i, m));
            bad += N[(size_t)i * L + (size_t)j] != mpz_fdiv_ui(t, m);
            mpz_set_ui(t, px);
            mpz_mul_ui(t, t, n - k - (uint64_t)j * q - i);
            px = mpz_fdiv_ui(t, m);
            mpz_set_ui(t, py);
            mpz_mul_ui(t, t, k + 1 + (uint64_t)j * q + i);
            py = mpz_fdiv_ui(t, m);
        }
        uint64_t rq = mpz_powm_u64(rinv, q, m);
        mpz_set_ui(t, px);
        mpz_mul_ui(t, t, rq);
        bad += nx[j] != mpz_fdiv_ui(t, m);
        mpz_set_ui(t, py);
        mpz_mul_ui(t, t, rq);
        bad += dy[j] != mpz_fdiv_ui(t, m);
        /* c = A·R/dy with A random */
        A[j] = rnd64() % m;
        mpz_set_ui(t, A[j]);
        mpz_mul_ui(t, t, mpz_powm_u64(2, rbits, m));                     /* R mod m */
        mpz_mul_ui(t, t, mpz_powm_u64(dy[j], -1, m));
        c[j] = mpz_fdiv_ui(t, m);
    }
    CHECK(bad == 0, "%s forward: m=%" PRIu64 " n=%" PRIu64 " k=%" PRIu64 " q=%u: %d wrong", name, m, n, k, q, bad);
    bwd(k + 1, q, m, mni, c, N);
    bad = 0;
    for (int j = 0; j < L; j++) {
        uint64_t v = A[j];
        for (unsigned i = 0; i < q; i++) {
            bad += N[(size_t)i * L + (size_t)j] != v;   /* A·Π_{s<i} x_s/y_s */
            mpz_set_ui(t, v);
            mpz_mul_ui(t, t, n - k - (uint64_t)j * q - i);
            mpz_mul_ui(t, t, mpz_powm_u64(k + 1 + (uint64_t)j * q + i, -1, m));
            v = mpz_fdiv_ui(t, m);
        }
    }
    CHECK(bad == 0, "%s backward: m=%" PRIu64 " n=%" PRIu64 " k=%" PRIu64 " q=%u: %d wrong", name, m, n, k, q, bad);
    mpz_clear(t);
    mpz_clear(mm);
}

static void check_montrun(const char *name, pr_montrun_fwd_fn *fwd, pr_montrun_bwd_fn *bwd, unsigned rbits)
{
    /* odd primes m: every n < m has no prime of m ≤ n */
    static const uint64_t M[] = { 3, 5, 7, 1009, 65537, 998244353, 1000000007, 2147483647, 2147483629 };
    for (size_t i = 0; i < sizeof M / sizeof *M; i++) {
        uint64_t m = M[i];
        for (int rep = 0; rep < 4; rep++) {
            unsigned q = 1 + (unsigned)(rnd64() % 40);
            uint64_t need = (uint64_t)PR_MONTRUN_LANES * q;      /* n ≥ k + L·q, n < m */
            if (need >= m) continue;
            uint64_t n = need + rnd64() % (m - need);
            uint64_t k = rnd64() % (n - need + 1);
            check_montrun_case(name, fwd, bwd, rbits, m, n, k, q);
        }
    }
}

/* The 64-bit passes against mpz for odd m in [2^31, 2^63): rows n below
 * `below`, the smallest prime of m (m itself for a prime). */
static void check_montrun_wide(const char *name, pr_montrun_fwd_fn *fwd, pr_montrun_bwd_fn *bwd)
{
    static const struct { uint64_t m, below; } M[] = {
        { 2147483659u, 2147483659u },                        /* the first prime above 2^31 */
        { 3221225473u, 3221225473u },                        /* 3·2^30 + 1 */
        { 4294967291u, 4294967291u },                        /* below 2^32 */
        { 4294967311u, 4294967311u },                        /* above 2^32 */
        { 2147483659u * (uint64_t)2147483693u, 2147483659u },
        { 1000000000000000003u, 1000000000000000003u },
        { 2305843009213693951u, 2305843009213693951u },      /* 2^61 − 1 */
        { 4611686018427387847u, 4611686018427387847u },      /* 2^62 − 57 */
        { 9223372036854775643u, 9223372036854775643u },      /* 2^63 − 165 */
        { 9223372036854775783u, 9223372036854775783u },      /* 2^63 − 25 */
    };
    for (size_t i = 0; i < sizeof M / sizeof *M; i++)
        for (int rep = 0; rep < (test_quick() ? 2 : 4); rep++) {
            unsigned q = 1 + (unsigned)(rnd64() % 64);
            uint64_t need = (uint64_t)PR_MONTRUN_LANES * q;      /* n ≥ k + L·q, n < below */
            uint64_t n = need + rnd64() % (M[i].below - need);
            if (rep == 0) n = M[i].below - 1;                     /* the longest row */
            uint64_t k = rep == 1 ? 0 : rnd64() % (n - need + 1);
            check_montrun_case(name, fwd, bwd, 64, M[i].m, n, k, q);
        }
}

#if PR_HAVE_MONTRUN_WIDE_AVX512
/* fwd/bwd against pr_montrun_fwd_wide/pr_montrun_bwd_wide on one block of
 * q steps from any x0, y0 (the runs' x and y taken modulo 2^64 as both
 * compute them), c < m and N: every word equal. */
static void check_wide_case(const char *name, pr_montrun_fwd_fn *fwd, pr_montrun_bwd_fn *bwd,
                            uint64_t m, uint64_t x0, uint64_t y0, unsigned q, int random_n)
{
    enum { L = PR_MONTRUN_LANES };
    const size_t len = (size_t)q * L;
    uint64_t *N = malloc(len * sizeof *N), *ref = malloc(len * sizeof *ref);
    uint64_t nx[L], dy[L], rnx[L], rdy[L], c[L];
    uint64_t mni = 0 - pr_binvert(m);
    fwd(x0, y0, q, m, mni, N, nx, dy);
    pr_montrun_fwd_wide(x0, y0, q, m, mni, ref, rnx, rdy);
    CHECK(memcmp(N, ref, len * sizeof *N) == 0 && memcmp(nx, rnx, sizeof nx) == 0 &&
          memcmp(dy, rdy, sizeof dy) == 0,
          "%s forward != pr_montrun_fwd_wide: m=%" PRIu64 " x0=%" PRIu64 " y0=%" PRIu64 " q=%u",
          name, m, x0, y0, q);
    for (int j = 0; j < L; j++) c[j] = j == 0 ? m - 1 : j == 1 ? 0 : rnd64() % m;
    if (random_n)   /* any N < 2^64 is a valid left factor */
        for (size_t i = 0; i < len; i++) N[i] = ref[i] = i % 7 == 0 ? UINT64_MAX : rnd64();
    bwd(y0, q, m, mni, c, N);
    pr_montrun_bwd_wide(y0, q, m, mni, c, ref);
    CHECK(memcmp(N, ref, len * sizeof *N) == 0,
          "%s backward != pr_montrun_bwd_wide: m=%" PRIu64 " y0=%" PRIu64 " q=%u", name, m, y0, q);
    free(ref);
    free(N);
}

/* A random word of `bits` significant bits or fewer (1 ≤ bits ≤ 64). */
static uint64_t rnd_bits(unsigned bits) { return rnd64() >> (64 - bits); }

static void check_wide_variant(const char *name, pr_montrun_fwd_fn *fwd, pr_montrun_bwd_fn *bwd)
{
    static const uint64_t M[] = {
        2147483649u,                                 /* 2^31 + 1 = 3·715827883 */
        2147483651u, 2147483659u, 3221225473u, 4294967291u, 4294967295u, 4294967297u, 4294967311u,
        2147483659u * (uint64_t)2147483693u,         /* two primes above 2^31 */
        1000000000000000003u * 9u,                   /* 9 times a prime */
        2305843009213693951u,                        /* 2^61 − 1 */
        4611686018427387847u,                        /* 2^62 − 57 */
        9223372036854775643u, 9223372036854775783u,  /* 2^63 − 165, 2^63 − 25 */
        9223372036854775805u, 9223372036854775807u,  /* 2^63 − 3, 2^63 − 1 = 7^2·73·127·337·92737·649657 */
    };
    const int reps = test_quick() ? 3 : 12;
    for (size_t i = 0; i < sizeof M / sizeof *M; i++)
        for (int rep = 0; rep < reps; rep++) {
            uint64_t m = M[i];
            switch (rep % 4) {   /* x0, y0: a row's (below m), any word, near 0 and 2^64 */
            case 0: {
                uint64_t y0 = 1 + rnd64() % (m - 1);
                check_wide_case(name, fwd, bwd, m, rnd64() % m, y0, 1 + (unsigned)(rnd64() % 64), 0);
                break;
            }
            case 1: check_wide_case(name, fwd, bwd, m, rnd64(), rnd64(), 1 + (unsigned)(rnd64() % 64), 1); break;
            case 2: check_wide_case(name, fwd, bwd, m, rnd64() % 1000, UINT64_MAX - rnd64() % 1000,
                                    1 + (unsigned)(rnd64() % 100), 0); break;
            default: check_wide_case(name, fwd, bwd, m, m - 1, m - 1 - PR_MONTRUN_LANES * 64u, 64, 1);
            }
        }
    /* random odd m of every size from 32 to 63 bits, the top bit set */
    for (unsigned bits = 32; bits <= 63; bits++)
        for (int rep = 0; rep < reps; rep++) {
            uint64_t m = rnd_bits(bits) | (uint64_t)1 << (bits - 1) | 1;
            check_wide_case(name, fwd, bwd, m, rnd_bits(1 + (unsigned)(rnd64() % 64)),
                            rnd_bits(1 + (unsigned)(rnd64() % 64)), 1 + (unsigned)(rnd64() % 80), rep & 1);
        }
}

#endif

int main(void)
{
    test_dispatch();
    check_binvert();

    check_montrun("pr_montrun_scalar", pr_montrun_fwd_scalar, pr_montrun_bwd_scalar, 32);
    check_montrun("pr_montrun_wide", pr_montrun_fwd_wide, pr_montrun_bwd_wide, 64);
    check_montrun_wide("pr_montrun_wide", pr_montrun_fwd_wide, pr_montrun_bwd_wide);
#if PR_HAVE_MONTRUN_WIDE_AVX512
    if (pr_cpu_avx512()) {
        check_montrun("pr_montrun_wide_avx512", pr_montrun_fwd_wide_avx512, pr_montrun_bwd_wide_avx512, 64);
        check_montrun_wide("pr_montrun_wide_avx512", pr_montrun_fwd_wide_avx512, pr_montrun_bwd_wide_avx512);
        check_wide_variant("pr_montrun_wide_avx512", pr_montrun_fwd_wide_avx512, pr_montrun_bwd_wide_avx512);
    } else {
        printf("SKIPPED pr_montrun_wide_avx512: this CPU has no AVX-512F and DQ\n");
    }
#else
    printf("note: pr_montrun_wide_avx512 is not in this build (not x86-64 or PASCALROW_NO_ASM): not tested\n");
#endif
#if PR_HAVE_MONTRUN_AVX2
    if (pr_cpu_avx2()) check_montrun("pr_montrun_avx2", pr_montrun_fwd_avx2, pr_montrun_bwd_avx2, 32);
    else printf("SKIPPED pr_montrun_avx2: this CPU has no AVX2\n");
#else
    printf("note: pr_montrun_avx2 is not in this build (not x86-64 or PASCALROW_NO_ASM): not tested\n");
#endif

    check_mulbdiv("pr_mulbdiv_scalar", pr_mulbdiv_scalar);
#if PR_HAVE_MULBDIV_X86_64
    check_mulbdiv("pr_mulbdiv_x86_64", pr_mulbdiv_x86_64);
#else
    printf("note: pr_mulbdiv_x86_64 is not in this build (not x86-64, PASCALROW_NO_ASM or "
           "AddressSanitizer): not tested\n");
#endif
    check_mulbdiv4("pr_mulbdiv4_scalar", pr_mulbdiv4_scalar);
#if PR_HAVE_MULBDIV_X86_64
    check_mulbdiv4("pr_mulbdiv4_x86_64", pr_mulbdiv4_x86_64);
#else
    printf("note: pr_mulbdiv4_x86_64 is not in this build (not x86-64, PASCALROW_NO_ASM or "
           "AddressSanitizer): not tested\n");
#endif

    check_repack30("pr_repack30_scalar", pr_repack30_scalar);
    check_repack("pr_repack30_scalar", pr_repack30_scalar);
#if PR_HAVE_REPACK30_AVX2
    if (pr_cpu_avx2()) {
        check_repack30("pr_repack30_avx2", pr_repack30_avx2);
        check_repack("pr_repack30_avx2", pr_repack30_avx2);
    } else {
        printf("SKIPPED pr_repack30_avx2: this CPU has no AVX2\n");
    }
#else
    printf("note: pr_repack30_avx2 is not in this build (not x86-64 or PASCALROW_NO_ASM): not tested\n");
#endif
    return check_report();
}
