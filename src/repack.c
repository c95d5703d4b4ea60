/* Values as digits of a chosen width (CPython's ints use 30 bits).
 *
 * Digit j of a value holds bits [shift + j·b, shift + (j+1)·b) of its limbs.
 * For b = 30, two digits are one 60-bit window starting at bit r < 8 of a
 * byte: one unaligned 64-bit load shifted right by r (and, for r > 4, the
 * window's last r − 4 bits from the byte after those 8), then two masks.
 * Four digits span exactly 15 bytes, so the loop steps 15 bytes with fixed
 * offsets (pr_repack30_scalar); the AVX2 variant does two quads per step.
 * Any other width goes digit by digit (pr_repack_each).
 */
#include "repack.h"

#include <string.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#  define PR_BIG_ENDIAN 1
#else
#  define PR_BIG_ENDIAN 0
#endif

void pr_repack_each(uint32_t *d, size_t from, size_t nd, const mp_limb_t *limbs, size_t size,
                    unsigned shift, unsigned digit_bits)
{
    const uint64_t mask = ((uint64_t)1 << digit_bits) - 1;
    for (size_t j = from; j < nd; j++) {
        uint64_t pos = shift + (uint64_t)j * digit_bits;
        size_t i = (size_t)(pos / GMP_NUMB_BITS);
        unsigned off = (unsigned)(pos % GMP_NUMB_BITS);
        uint64_t w = limbs[i] >> off;
        if (off + digit_bits > GMP_NUMB_BITS && i + 1 < size)   /* the digit spans two limbs */
            w |= limbs[i + 1] << (GMP_NUMB_BITS - off);
        d[j] = (uint32_t)(w & mask);
    }
}

/* ------------------------------------------------------------ 30-bit digits */

/* p[0..8) as a little-endian 64-bit word (one unaligned load). */
static inline uint64_t load_le64(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
#if PR_BIG_ENDIAN
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* The 30-bit digits of a 60-bit window at bit 0 of w into d[0], d[1]:
 * digit 0 = bits 0–29 stays, digit 1 = bits 30–59 moves up 2 to bits 32–61,
 * and both go out as one 64-bit store. */
static inline void store_pair30(uint32_t *d, uint64_t w)
{
    uint64_t v = (w & 0x3fffffffu) | ((w << 2) & ((uint64_t)0x3fffffff << 32));
#if PR_BIG_ENDIAN
    d[0] = (uint32_t)v;
    d[1] = (uint32_t)(v >> 32);
#else
    memcpy(d, &v, sizeof v);
#endif
}

/* The 60 bits from bit r < 8 of p: the load's 64 − r bits, and for r > 4 the
 * rest from p[8] (bits past the 60th are left for store_pair30's masks). */
static inline uint64_t window60(const unsigned char *p, unsigned r)
{
    uint64_t w = load_le64(p) >> r;
    if (r > 4) w |= (uint64_t)p[8] << (64 - r);
    return w;
}

/* Four digits are 120 bits = 15 bytes; the second window of a quad starts
 * 60 bits after the first, at byte 7 + (r0 + 4)/8, bit (r0 + 4) % 8.  Both
 * windows end within the quad's bytes 0–15.  The last 0–3 digits take a
 * load each (r + 30 ≤ 64 bits). */
void pr_repack30_scalar(uint32_t *d, size_t nd, const unsigned char *p, unsigned r0)
{
    const size_t ob = 7 + (r0 + 4) / 8;
    const unsigned rb = (r0 + 4) % 8;
    for (size_t q = nd / 4; q > 0; q--, p += 15, d += 4) {
        store_pair30(d, window60(p, r0));
        store_pair30(d + 2, window60(p + ob, rb));
    }
    for (size_t t = 0; t < nd % 4; t++) {       /* digit t of the quad: bit r0 + 30t of p */
        unsigned pos = r0 + 30 * (unsigned)t;
        d[t] = (uint32_t)((load_le64(p + pos / 8) >> (pos % 8)) & 0x3fffffff);
    }
}

#if PR_HAVE_REPACK30_AVX2
#  include <immintrin.h>

/* Eight digits (30 bytes) per step: the 15 bytes of each quad in one 128-bit
 * lane (loads at p and p + 15).  In each lane a byte shuffle puts the bytes
 * of its two windows (from byte 0 and byte ob) in the lane's two qwords, a
 * second one the same bytes one further on (only for r0 ≠ 0, 4: otherwise
 * each window fits its 8 bytes); each qword is then window60's
 * (lo >> r) | (hi << (8 − r)), r = r0 and rb.  (For r ≤ 4 the
 * second shuffle adds nothing below bit 60; where its byte would lie past
 * the lane, at ob = 8, r is ≤ 3 and what it brings lands above bit 60.)
 * store_pair30's split, on all four qwords at once: the odd dwords taken
 * from the qwords shifted up 2, then every dword masked to 30 bits. */
struct repack30_avx2 { __m256i take_lo, take_hi, right, left, mask; };

/* One step; `aligned` (r0 = 0 or 4: every window starts at bit 0 or 4 of a
 * byte and fits its 8 bytes) leaves out the second shuffle. */
__attribute__((target("avx2")))
static inline __m256i repack30_avx2_step(const unsigned char *p, const struct repack30_avx2 *c, int aligned)
{
    __m256i v = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)p)),
                                        _mm_loadu_si128((const __m128i *)(p + 15)), 1);
    __m256i w = _mm256_srlv_epi64(_mm256_shuffle_epi8(v, c->take_lo), c->right);
    if (!aligned) w = _mm256_or_si256(w, _mm256_sllv_epi64(_mm256_shuffle_epi8(v, c->take_hi), c->left));
    return _mm256_and_si256(_mm256_blend_epi32(w, _mm256_slli_epi64(w, 2), 0xaa), c->mask);
}

/* The steps over nd ≥ 1 digits: two a turn while more than 16 digits
 * remain, then one; the last stores only the digits that remain (a masked
 * store).  The last loads end at byte 30 of the last step, within
 * PR_REPACK30_READ(nd). */
__attribute__((target("avx2")))
static inline void repack30_avx2_run(uint32_t *d, size_t nd, const unsigned char *p,
                                     const struct repack30_avx2 *c, int aligned)
{
    for (; nd > 16; nd -= 16, p += 60, d += 16) {
        _mm256_storeu_si256((__m256i *)d, repack30_avx2_step(p, c, aligned));
        _mm256_storeu_si256((__m256i *)(d + 8), repack30_avx2_step(p + 30, c, aligned));
    }
    for (; nd > 8; nd -= 8, p += 30, d += 8)
        _mm256_storeu_si256((__m256i *)d, repack30_avx2_step(p, c, aligned));
    /* lane i is stored when nd > i (a signed compare: 1 ≤ nd ≤ 8) */
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    _mm256_maskstore_epi32((int *)d, _mm256_cmpgt_epi32(_mm256_set1_epi32((int)nd), lane),
                           repack30_avx2_step(p, c, aligned));
}

/* The shuffles and shifts for a start bit r0: the window of qword 1 of a
 * lane starts at byte ob = 7 + (r0 + 4)/8 (row ob − 7 of the shuffles),
 * bit rb = (r0 + 4) % 8. */
static const unsigned char avx2_take[2][2][32] = {
    { { 0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14 },
      { 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 13, 14, 15, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 13, 14, 15 } },
    { { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
      { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 } },
};
static const uint64_t avx2_right[8][4] = {
    { 0, 4, 0, 4 }, { 1, 5, 1, 5 }, { 2, 6, 2, 6 }, { 3, 7, 3, 7 },
    { 4, 0, 4, 0 }, { 5, 1, 5, 1 }, { 6, 2, 6, 2 }, { 7, 3, 7, 3 },
};
static const uint64_t avx2_left[8][4] = {
    { 8, 4, 8, 4 }, { 7, 3, 7, 3 }, { 6, 2, 6, 2 }, { 5, 1, 5, 1 },
    { 4, 8, 4, 8 }, { 3, 7, 3, 7 }, { 2, 6, 2, 6 }, { 1, 5, 1, 5 },
};

__attribute__((target("avx2")))
void pr_repack30_avx2(uint32_t *d, size_t nd, const unsigned char *p, unsigned r0)
{
    const unsigned char (*take)[32] = avx2_take[(r0 + 4) / 8];
    struct repack30_avx2 c;
    c.take_lo = _mm256_loadu_si256((const __m256i *)take[0]);
    c.take_hi = _mm256_loadu_si256((const __m256i *)take[1]);
    c.right = _mm256_loadu_si256((const __m256i *)avx2_right[r0]);
    c.left = _mm256_loadu_si256((const __m256i *)avx2_left[r0]);
    c.mask = _mm256_set1_epi32(0x3fffffff);
    if (r0 % 4 == 0) repack30_avx2_run(d, nd, p, &c, 1);
    else repack30_avx2_run(d, nd, p, &c, 0);
}
#endif


/* ------------------------------------------------- any caller's limbs */

/* limbs[0..nlimbs) without its zero top limbs. */
static size_t significant_limbs(const uint64_t *limbs, size_t nlimbs)
{
    while (nlimbs > 0 && limbs[nlimbs - 1] == 0) nlimbs--;
    return nlimbs;
}

size_t pascalrow_digit_count(const uint64_t *limbs, size_t nlimbs, unsigned digit_bits)
{
    if (digit_bits < 1 || digit_bits > 32 || limbs == NULL) return 0;
    nlimbs = significant_limbs(limbs, nlimbs);
    if (nlimbs == 0) return 0;
    uint64_t bits = (uint64_t)GMP_NUMB_BITS * nlimbs - (uint64_t)__builtin_clzll(limbs[nlimbs - 1]);
    return pr_digits_for_bits(bits, digit_bits);
}

/* The caller's array has no zero slack past its top: the 30-bit fast path
 * (any pr_repack30_* variant) runs on the first m digits only while its reads,
 * PR_REPACK30_READ(m) = 30·⌈m/8⌉ + 1 bytes, stay inside the array's
 * 8·nlimbs bytes — whole blocks of 8 digits, at most (8·nlimbs − 1)/30 of
 * them, the array's last 30 bytes or fewer left over — and pr_repack_each,
 * which reads only limbs[0..nlimbs), writes the rest (at most 8 digits). */
int pascalrow_limbs_to_digits(const uint64_t *limbs, size_t nlimbs, unsigned digit_bits,
                              uint32_t *out)
{
    if (digit_bits < 1 || digit_bits > 32) return PASCALROW_EINVAL;
    if (nlimbs > 0 && (limbs == NULL || out == NULL)) return PASCALROW_EINVAL;
    if (nlimbs == 0) return PASCALROW_OK;
    nlimbs = significant_limbs(limbs, nlimbs);
    size_t nd = pascalrow_digit_count(limbs, nlimbs, digit_bits), done = 0;
    if (digit_bits == 30 && nd > 0) {
        size_t blocks = (8 * nlimbs - 1) / 30;
        done = nd < 8 * blocks ? nd : 8 * blocks;
        if (done > 0) pr_kernels()->repack30(out, done, (const unsigned char *)limbs, 0);
    }
    pr_repack_each(out, done, nd, (const mp_limb_t *)limbs, nlimbs, 0, digit_bits);
    return PASCALROW_OK;
}
