/* The montrun kernels (see dispatch.h): the two passes of src/mod.c's walk
 * over a block of row n modulo an odd m < 2^31 with no prime of m ≤ n, in
 * PR_MONTRUN_LANES runs side by side, with 32-bit Montgomery products.
 *
 * Montgomery's product with R = 2^32: for a < 2^32 and b < m,
 *     t = a·b < m·R,  u = (t mod R)·(−m^{-1}) mod R,  (t + u·m)/R < 2m,
 * exact (t + u·m ≡ 0 mod R), ≡ a·b·R^{-1} (mod m), and one conditional
 * subtraction of m leaves it in [0, m).  t + u·m < 2m·R < 2^64 because
 * m < 2^31: every step is a 32 × 32 → 64-bit multiply, which SIMD units
 * have (pmuludq).  For odd m up to 2^63 the same passes run with R = 2^64
 * (the _wide functions, scalar only: SIMD units have no 64 × 64 → 128-bit
 * multiply).
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
    for (int l = 0; l < 4; l++) {
        uint64_t off = (uint64_t)(4 * v + l) * q;
        s[l] = down ? base - off : base + off;
    }
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
