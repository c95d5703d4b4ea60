/* The triangle, row after row, each made from the previous one in place.
 *
 * Identity: C(i+1, j) = C(i, j) + C(i, j−1).  The row is held in the
 * narrowest type it fits: uint32_t up to row 34, uint64_t up to row 67, then
 * mpz_t.  The fixed-width steps report overflow and restore the row, so the
 * first row that does not fit is made by widening the row before it and
 * stepping again: no limit is assumed, the step's own report decides.
 */
#include "internal.h"
#include "mem.h"

#include <stdlib.h>

struct pascalrow_triangle {
    uint64_t n;                               /* row held; UINT64_MAX before the first */
    unsigned width;                           /* 32, 64 or 0 (mpz_t) */
    uint32_t r32[PASCALROW_U32_MAX_N + 2];    /* room for the row that overflows */
    uint64_t r64[PASCALROW_U64_MAX_N + 2];
    mpz_t *big;                               /* cap initialised values */
    size_t cap;
};

pascalrow_triangle *pascalrow_triangle_new(void)
{
    pascalrow_triangle *t = calloc(1, sizeof *t);
    if (t != NULL) t->n = UINT64_MAX;
    return t;
}

void pascalrow_triangle_free(pascalrow_triangle *t)
{
    if (t == NULL) return;
    for (size_t i = 0; i < t->cap; i++) mpz_clear(t->big[i]);
    free(t->big);
    free(t);
}

/* Room for `need` initialised mpz_t, growing geometrically. */
static int reserve_big(pascalrow_triangle *t, size_t need)
{
    if (need <= t->cap) return PASCALROW_OK;
    size_t cap = t->cap ? t->cap : 128;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : 2 * cap;
    if (cap > SIZE_MAX / sizeof *t->big) return PASCALROW_ERANGE;
    mpz_t *b = realloc(t->big, cap * sizeof *b);
    if (b == NULL) return PASCALROW_ENOMEM;
    t->big = b;
    for (size_t i = t->cap; i < cap; i++) mpz_init(b[i]);
    t->cap = cap;
    return PASCALROW_OK;
}

/* Bytes GMP allocates during step_mpz: mpz_add(w, w, v) grows w to
 * max(|w|, |v|) + 1 limbs when it has fewer allocated (mpz/aors.h), and
 * mpz_set_ui(w, 1) to one limb.  _mp_alloc is the allocated limb count (GMP
 * manual, "Integer Internals").  Checked before the step (mem.c), so that
 * ENOMEM leaves row i intact. */
static uint64_t step_mpz_bytes(mpz_t *row, size_t i)
{
    /* limbs to allocate; the values are non-negative, so _mp_size is the
     * limb count.  A row of n + 2 values of < 2^63 limbs cannot wrap. */
    uint64_t limbs = 0, blocks = 0;
    for (size_t j = i; j > 0; j--) {
        int a = row[j]->_mp_size, b = row[j - 1]->_mp_size;
        int need = (a > b ? a : b) + 1;
        int grows = row[j]->_mp_alloc < need;
        limbs += grows ? (uint64_t)need : 0;
        blocks += (uint64_t)grows;
    }
    if (row[i + 1]->_mp_alloc < 1) { limbs++; blocks++; }
    /* each block: its limbs plus pr_mpz_bytes' header allowance */
    return pr_add_sat(pr_mul_sat(limbs, sizeof(mp_limb_t)), pr_mul_sat(blocks, pr_mpz_bytes(64)));
}

/* The additive step on mpz_t, from the top down like STEP_LOOP in fixed.c. */
static void step_mpz(mpz_t *row, size_t i)
{
    for (size_t j = i; j > 0; j--) mpz_add(row[j], row[j], row[j - 1]);
    mpz_set_ui(row[i + 1], 1);
}

int pascalrow_triangle_next(pascalrow_triangle *t)
{
    if (t == NULL) return PASCALROW_EINVAL;
    if (t->n == UINT64_MAX) {                 /* row 0 = [1] */
        t->n = 0;
        t->width = 32;
        t->r32[0] = 1;
        return PASCALROW_OK;
    }
    if (t->n > SIZE_MAX - 2) return PASCALROW_ERANGE;
    const size_t i = (size_t)t->n;
    if (t->width == 32) {
        if (pascalrow_step_u32(i, t->r32) == PASCALROW_OK) { t->n++; return PASCALROW_OK; }
        for (size_t j = 0; j <= i; j++) t->r64[j] = t->r32[j];   /* row i, restored: widen */
        t->width = 64;
    }
    if (t->width == 64) {
        if (pascalrow_step_u64(i, t->r64) == PASCALROW_OK) { t->n++; return PASCALROW_OK; }
        int st = reserve_big(t, i + 2);
        /* i + 1 one-limb values (a fresh mpz_t has none allocated) */
        if (st == PASCALROW_OK) st = pascalrow_memory_available(pr_mul_sat(i + 1, pr_mpz_bytes(64)));
        if (st != PASCALROW_OK) return st;    /* still row i, as u64: may be retried */
        for (size_t j = 0; j <= i; j++) mpz_set_ui(t->big[j], t->r64[j]);
        t->width = 0;
    }
    int st = reserve_big(t, i + 2);
    if (st == PASCALROW_OK) st = pascalrow_memory_available(step_mpz_bytes(t->big, i));
    if (st != PASCALROW_OK) return st;        /* still row i, as mpz_t */
    step_mpz(t->big, i);
    t->n++;
    return PASCALROW_OK;
}

uint64_t pascalrow_triangle_n(const pascalrow_triangle *t) { return t->n; }

unsigned pascalrow_triangle_width(const pascalrow_triangle *t) { return t->width; }

const uint32_t *pascalrow_triangle_row_u32(const pascalrow_triangle *t)
{
    return t->n != UINT64_MAX && t->width == 32 ? t->r32 : NULL;
}

const uint64_t *pascalrow_triangle_row_u64(const pascalrow_triangle *t)
{
    return t->n != UINT64_MAX && t->width == 64 ? t->r64 : NULL;
}

const mpz_t *pascalrow_triangle_row_mpz(const pascalrow_triangle *t)
{
    return t->n != UINT64_MAX && t->width == 0 ? (const mpz_t *)t->big : NULL;
}
