/* The montrun kernels (see dispatch.h): the two passes of src/mod_walk.c's
 * walk over a block of row n modulo an odd m with no prime of m ≤ n, in
 * PR_MONTRUN_LANES runs side by side, with Montgomery products: 32-bit ones
 * for m < 2^31, 64-bit ones (the _wide functions) for m < 2^63.
 *
 * Montgomery's product with R = 2^32: for a < 2^32 and b < m,
 *     t = a·b < m·R,  u = (t mod R)·(−m^{-1}) mod R,  (t + u·m)/R < 2m,
 * exact (t + u·m ≡ 0 mod R), ≡ a·b·R^{-1} (mod m), and one conditional
 * subtraction of m leaves it in [0, m).  t + u·m < 2m·R < 2^64 because
 * m < 2^31: every step is a 32 × 32 → 64-bit multiply, which SIMD units
 * have (pmuludq).  For odd m up to 2^63 the same passes run with R = 2^64
 * (the _wide functions): in scalar code with 64 × 64 → 128-bit products,
 * and with AVX-512, which has no such multiply, from four 32 × 32 → 64-bit
 * ones per high word (_wide_avx512, at the end).
 */
#include "dispatch.h"

/* a·b·2^{-32} mod m, a < 2^32, b < m. */
static inline uint64_t mont32(uint64_t a, uint64_t b, uint64_t m, uint64_t mni)
{
    uint64_t t = a * b;
    uint64_t u = (uint32_t)t * mni & UINT32_MAX;
    uint64_t r = (t + u * m) >> 32;
    return r >= m ? r - m : r;
}

typedef uint64_t mont_fn(uint64_t a, uint64_t b, uint64_t m, uint64_t mni);

/* The forward and backward passes (dispatch.h) with the product mul; the
 * scalar and wide variants below differ only in it (inlined into each). */
static inline void fwd_passes(mont_fn *mul, uint64_t x0, uint64_t y0, unsigned q, uint64_t m,
                              uint64_t mni, uint64_t *N, uint64_t *nx, uint64_t *dy)
{
    enum { L = PR_MONTRUN_LANES };
    for (int j = 0; j < L; j++) nx[j] = dy[j] = 1;
    for (unsigned i = 0; i < q; i++)
        for (int j = 0; j < L; j++) {
            uint64_t x = x0 - (uint64_t)j * q - i, y = y0 + (uint64_t)j * q + i;
            N[(size_t)i * L + (size_t)j] = nx[j];
            nx[j] = mul(x, nx[j], m, mni);
            dy[j] = mul(y, dy[j], m, mni);
        }
}

static inline void bwd_passes(mont_fn *mul, uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                              const uint64_t *c0, uint64_t *N)
{
    enum { L = PR_MONTRUN_LANES };
    uint64_t c[L];
    for (int j = 0; j < L; j++) c[j] = c0[j];
    for (unsigned i = q; i-- > 0;)
        for (int j = 0; j < L; j++) {
            uint64_t y = y0 + (uint64_t)j * q + i;
            size_t at = (size_t)i * L + (size_t)j;
            c[j] = mul(y, c[j], m, mni);
            N[at] = mul(N[at], c[j], m, mni);
        }
}

void pr_montrun_fwd_scalar(uint64_t x0, uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                           uint64_t *N, uint64_t *nx, uint64_t *dy)
{
    fwd_passes(mont32, x0, y0, q, m, mni, N, nx, dy);
}

void pr_montrun_bwd_scalar(uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                           const uint64_t *c0, uint64_t *N)
{
    bwd_passes(mont32, y0, q, m, mni, c0, N);
}

/* ------------------------------------------- 64-bit Montgomery, scalar */

/* a·b·2^{-64} mod m for odd m < 2^63, a < 2^64, b < m: t = a·b < m·2^64,
 * u = (t mod 2^64)·(−m^{-1}) mod 2^64, and (t + u·m)/2^64 < 2m is
 * hi(t) + hi(u·m) + carry, the carry of the low words, which add up to
 * 0 mod 2^64: 1 unless lo(t) = 0. */
static inline uint64_t mont64(uint64_t a, uint64_t b, uint64_t m, uint64_t mni)
{
    pr_u128 t = (pr_u128)a * b;
    uint64_t lo = (uint64_t)t, u = lo * mni;
    uint64_t r = (uint64_t)(t >> 64) + (uint64_t)(((pr_u128)u * m) >> 64) + (lo != 0);
    return r >= m ? r - m : r;
}

void pr_montrun_fwd_wide(uint64_t x0, uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                         uint64_t *N, uint64_t *nx, uint64_t *dy)
{
    fwd_passes(mont64, x0, y0, q, m, mni, N, nx, dy);
}

void pr_montrun_bwd_wide(uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                         const uint64_t *c0, uint64_t *N)
{
    bwd_passes(mont64, y0, q, m, mni, c0, N);
}

/* The SIMD variants' first x or y of runs first .. first + count − 1:
 * s[l] = base − (first + l)·q when down, base + (first + l)·q otherwise,
 * modulo 2^64 as the scalar passes compute them. */
static inline void run_starts(uint64_t *s, int count, uint64_t base, int down, unsigned q, int first)
{
    for (int l = 0; l < count; l++) {
        uint64_t off = (uint64_t)(first + l) * q;
        s[l] = down ? base - off : base + off;
    }
}

#if PR_HAVE_MONTRUN_AVX2
#  include <immintrin.h>

/* mont32 on four 64-bit lanes (values below 2^32): three pmuludq; the
 * subtraction runs on 32-bit halves, whose high ones stay 0 (m < 2^31), and
 * min picks r − m unless it wrapped. */
__attribute__((target("avx2")))
static inline __m256i mont32x4(__m256i a, __m256i b, __m256i m, __m256i mni)
{
    __m256i t = _mm256_mul_epu32(a, b);
    __m256i u = _mm256_mul_epu32(t, mni);
    __m256i r = _mm256_srli_epi64(_mm256_add_epi64(t, _mm256_mul_epu32(u, m)), 32);
    return _mm256_min_epu32(r, _mm256_sub_epi32(r, m));
}

/* Lanes 4v .. 4v + 3 of the runs: base + sign·(lane·q). */
__attribute__((target("avx2")))
static inline __m256i lane_start(uint64_t base, int down, unsigned q, int v)
{
    uint64_t s[4];
    run_starts(s, 4, base, down, q, 4 * v);
    return _mm256_loadu_si256((const __m256i *)s);
}

__attribute__((target("avx2")))
void pr_montrun_fwd_avx2(uint64_t x0, uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                         uint64_t *N, uint64_t *nx, uint64_t *dy)
{
    const __m256i M = _mm256_set1_epi64x((long long)m), MNI = _mm256_set1_epi64x((long long)mni);
    const __m256i one = _mm256_set1_epi64x(1);
    __m256i x[4], y[4], a[4], b[4];
    for (int v = 0; v < 4; v++) {
        x[v] = lane_start(x0, 1, q, v);
        y[v] = lane_start(y0, 0, q, v);
        a[v] = b[v] = one;
    }
    for (unsigned i = 0; i < q; i++, N += PR_MONTRUN_LANES)
        for (int v = 0; v < 4; v++) {
            _mm256_storeu_si256((__m256i *)(N + 4 * v), a[v]);
            a[v] = mont32x4(x[v], a[v], M, MNI);
            b[v] = mont32x4(y[v], b[v], M, MNI);
            x[v] = _mm256_sub_epi64(x[v], one);
            y[v] = _mm256_add_epi64(y[v], one);
        }
    for (int v = 0; v < 4; v++) {
        _mm256_storeu_si256((__m256i *)(nx + 4 * v), a[v]);
        _mm256_storeu_si256((__m256i *)(dy + 4 * v), b[v]);
    }
}

__attribute__((target("avx2")))
void pr_montrun_bwd_avx2(uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                         const uint64_t *c0, uint64_t *N)
{
    const __m256i M = _mm256_set1_epi64x((long long)m), MNI = _mm256_set1_epi64x((long long)mni);
    const __m256i one = _mm256_set1_epi64x(1);
    __m256i y[4], c[4];
    for (int v = 0; v < 4; v++) {
        /* y of step q − 1 */
        y[v] = _mm256_add_epi64(lane_start(y0, 0, q, v), _mm256_set1_epi64x((long long)q - 1));
        c[v] = _mm256_loadu_si256((const __m256i *)(c0 + 4 * v));
    }
    N += (size_t)q * PR_MONTRUN_LANES;
    for (unsigned i = q; i-- > 0;) {
        N -= PR_MONTRUN_LANES;
        for (int v = 0; v < 4; v++) {
            c[v] = mont32x4(y[v], c[v], M, MNI);
            __m256i nt = _mm256_loadu_si256((const __m256i *)(N + 4 * v));
            _mm256_storeu_si256((__m256i *)(N + 4 * v), mont32x4(nt, c[v], M, MNI));
            y[v] = _mm256_sub_epi64(y[v], one);
        }
    }
}
#endif

#if PR_HAVE_MONTRUN_WIDE_AVX512
#  include <immintrin.h>

/* mont64 on eight 64-bit lanes (AVX-512F, and DQ for vpmullq, the low
 * 64 bits of a 64 × 64-bit product).  The unit has no 64 × 64 → 128-bit
 * multiply, only vpmuludq (32 × 32 → 64 on the low halves of the lanes), so
 * each high word is built from four of them; and the reduction subtracts
 * where mont64 adds, which needs no carry out of the low words:
 *
 *   u = (t mod 2^64)·m^{-1} mod 2^64 makes u·m ≡ t (mod 2^64), so the low
 *   words of t and u·m are equal and t − u·m = (hi(t) − hi(u·m))·2^64
 *   exactly; t < m·2^64 and u·m < m·2^64 put hi(t) − hi(u·m) in (−m, m),
 *   ≡ a·b·2^{-64} (mod m); adding m where hi(t) < hi(u·m) leaves it in
 *   [0, m) — the one value mont64 returns.
 *
 * minv = m^{-1} mod 2^64 = −mni. */

/* Lanes with their 32-bit halves swapped: the high half of each 64-bit lane
 * in its low half, where vpmuludq reads it; vpmuludq ignores the high
 * halves, so the low one left there does not matter (a shuffle, not a
 * shift: it runs beside the shifts and adds). */
__attribute__((target("avx512f,avx512dq")))
static inline __m512i high_halves(__m512i a)
{
    return _mm512_shuffle_epi32(a, (_MM_PERM_ENUM)0xb1);
}

/* ⌊a·b/2^64⌋ for a < 2^64 and b < 2^63, given b1 = high_halves(b).  With
 * a = a1·2^32 + a0, b = b1·2^32 + b0 (b1 < 2^31) and p_ij = a_i·b_j < 2^64,
 *   a·b = p11·2^64 + (p10 + p01)·2^32 + p00.
 * s = p10 + ⌊p00/2^32⌋ ≤ (2^32 − 1)^2 + 2^32 − 1 < 2^64, and
 *   a·b = (p11 + ⌊s/2^32⌋)·2^64 + (p01 + (s mod 2^32))·2^32 + (p00 mod 2^32);
 * s2 = p01 + (s mod 2^32) < 2^63 + 2^32 (p01 < 2^32·2^31), and
 *   a·b = (p11 + ⌊s/2^32⌋ + ⌊s2/2^32⌋)·2^64 + (s2 mod 2^32)·2^32 + (p00 mod 2^32),
 * no sum wrapping, the last two terms below 2^64: the high word is the
 * first sum. */
__attribute__((target("avx512f,avx512dq")))
static inline __m512i mulhi64x8(__m512i a, __m512i b, __m512i b1)
{
    const __m512i low32 = _mm512_set1_epi64(UINT32_MAX);
    __m512i a1 = high_halves(a);
    __m512i p00 = _mm512_mul_epu32(a, b), p01 = _mm512_mul_epu32(a, b1);
    __m512i p10 = _mm512_mul_epu32(a1, b), p11 = _mm512_mul_epu32(a1, b1);
    __m512i s = _mm512_add_epi64(p10, _mm512_srli_epi64(p00, 32));
    __m512i s2 = _mm512_add_epi64(p01, _mm512_and_si512(s, low32));
    return _mm512_add_epi64(_mm512_add_epi64(p11, _mm512_srli_epi64(s, 32)), _mm512_srli_epi64(s2, 32));
}

/* a·b·2^{-64} mod m for a < 2^64, b < m (the lanes of mont64): M = m,
 * M1 = high_halves(M), MINV = m^{-1} mod 2^64 in every lane.  The low
 * words, t mod 2^64 and u, by vpmullq (AVX-512DQ: a·b mod 2^64). */
__attribute__((target("avx512f,avx512dq")))
static inline __m512i mont64x8(__m512i a, __m512i b, __m512i M, __m512i M1, __m512i MINV)
{
    __m512i hi = mulhi64x8(a, b, high_halves(b));                         /* ⌊t/2^64⌋, t = a·b */
    __m512i u = _mm512_mullo_epi64(_mm512_mullo_epi64(a, b), MINV);       /* u·m ≡ t (mod 2^64) */
    __m512i hum = mulhi64x8(u, M, M1);                                    /* ⌊u·m/2^64⌋ */
    __m512i r = _mm512_sub_epi64(hi, hum);
    return _mm512_mask_add_epi64(r, _mm512_cmplt_epu64_mask(hi, hum), r, M);
}

/* Lanes 8v .. 8v + 7 of the runs: base + sign·(lane·q). */
__attribute__((target("avx512f,avx512dq")))
static inline __m512i lane_start8(uint64_t base, int down, unsigned q, int v)
{
    uint64_t s[8];
    run_starts(s, 8, base, down, q, 8 * v);
    return _mm512_loadu_si512((const void *)s);
}

enum { WV = PR_MONTRUN_LANES / 8 };   /* vectors of 8 lanes per step */
_Static_assert(PR_MONTRUN_LANES % 8 == 0, "whole vectors of runs");

__attribute__((target("avx512f,avx512dq")))
void pr_montrun_fwd_wide_avx512(uint64_t x0, uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                                uint64_t *N, uint64_t *nx, uint64_t *dy)
{
    const __m512i M = _mm512_set1_epi64((long long)m), M1 = high_halves(M);
    const __m512i MINV = _mm512_set1_epi64((long long)(0 - mni)), one = _mm512_set1_epi64(1);
    __m512i x[WV], y[WV], a[WV], b[WV];
    for (int v = 0; v < WV; v++) {
        x[v] = lane_start8(x0, 1, q, v);
        y[v] = lane_start8(y0, 0, q, v);
        a[v] = b[v] = one;
    }
    for (unsigned i = 0; i < q; i++, N += PR_MONTRUN_LANES)
        for (int v = 0; v < WV; v++) {
            _mm512_storeu_si512((void *)(N + 8 * v), a[v]);
            a[v] = mont64x8(x[v], a[v], M, M1, MINV);
            b[v] = mont64x8(y[v], b[v], M, M1, MINV);
            x[v] = _mm512_sub_epi64(x[v], one);
            y[v] = _mm512_add_epi64(y[v], one);
        }
    for (int v = 0; v < WV; v++) {
        _mm512_storeu_si512((void *)(nx + 8 * v), a[v]);
        _mm512_storeu_si512((void *)(dy + 8 * v), b[v]);
    }
}

__attribute__((target("avx512f,avx512dq")))
void pr_montrun_bwd_wide_avx512(uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                                const uint64_t *c0, uint64_t *N)
{
    const __m512i M = _mm512_set1_epi64((long long)m), M1 = high_halves(M);
    const __m512i MINV = _mm512_set1_epi64((long long)(0 - mni)), one = _mm512_set1_epi64(1);
    __m512i y[WV], c[WV];
    for (int v = 0; v < WV; v++) {
        /* y of step q − 1 */
        y[v] = _mm512_add_epi64(lane_start8(y0, 0, q, v), _mm512_set1_epi64((long long)q - 1));
        c[v] = _mm512_loadu_si512((const void *)(c0 + 8 * v));
    }
    N += (size_t)q * PR_MONTRUN_LANES;
    for (unsigned i = q; i-- > 0;) {
        N -= PR_MONTRUN_LANES;
        for (int v = 0; v < WV; v++) {
            c[v] = mont64x8(y[v], c[v], M, M1, MINV);
            __m512i nt = _mm512_loadu_si512((const void *)(N + 8 * v));
            /* N < 2^64 and c < m: mont64x8's a and b */
            _mm512_storeu_si512((void *)(N + 8 * v), mont64x8(nt, c[v], M, M1, MINV));
            y[v] = _mm512_sub_epi64(y[v], one);
        }
    }
}
#endif
