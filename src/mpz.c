/* GMP front ends: whole rows, slices and single coefficients as mpz_t. */
#include "internal.h"

#include <string.h>

/* Copy the walk's limbs into an mpz_t without a temporary. */
static void set_limbs(mpz_t z, const uint64_t *limbs, size_t nlimbs)
{
    mp_limb_t *d = mpz_limbs_write(z, (mp_size_t)nlimbs);
    memcpy(d, limbs, nlimbs * sizeof *d);
    mpz_limbs_finish(z, (mp_size_t)nlimbs);
}

struct row_ctx { mpz_t *out; uint64_t n; };

/* C(n,k) = C(n,n−k): every value of the half fills both of its places. */
static int row_sink(void *vctx, uint64_t k, const uint64_t *limbs, size_t nlimbs)
{
    struct row_ctx *c = vctx;
    set_limbs(c->out[k], limbs, nlimbs);
    if (c->n - k != k) mpz_set(c->out[c->n - k], c->out[k]);
    return 0;
}

int pascalrow_row_mpz(uint64_t n, mpz_t *out)
{
    if (out == NULL) return PASCALROW_EINVAL;
    if (n >= SIZE_MAX) return PASCALROW_ERANGE;
    struct row_ctx c = { out, n };
    return pascalrow_walk(n, 0, n / 2 + 1, row_sink, &c);
}

struct slice_ctx { mpz_t *out; uint64_t start; };

static int slice_sink(void *vctx, uint64_t k, const uint64_t *limbs, size_t nlimbs)
{
    struct slice_ctx *c = vctx;
    set_limbs(c->out[k - c->start], limbs, nlimbs);
    return 0;
}

int pascalrow_slice_mpz(uint64_t n, uint64_t start, uint64_t stop, mpz_t *out)
{
    if (out == NULL) return PASCALROW_EINVAL;
    struct slice_ctx c = { out, start };
    return pascalrow_walk(n, start, stop, slice_sink, &c);
}

int pascalrow_comb_mpz(mpz_t rop, uint64_t n, uint64_t k)
{
    if (rop == NULL) return PASCALROW_EINVAL;
    if (k > n) mpz_set_ui(rop, 0);          /* C(n,k) = 0 for k > n */
    else mpz_bin_uiui(rop, n, k);           /* GMP picks min(k, n−k) itself */
    return PASCALROW_OK;
}
