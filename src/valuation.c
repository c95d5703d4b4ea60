/* The exponent of a prime in C(n, k): Kummer's theorem (pr_carries, kummer.h). */
#include "factor.h"
#include "internal.h"
#include "kummer.h"

int pascalrow_valuation(uint64_t n, uint64_t k, uint64_t p, uint64_t *out)
{
    if (out == NULL || k > n || !pr_is_prime_u64(p)) return PASCALROW_EINVAL;
    *out = pr_carries(n, k, p);
    return PASCALROW_OK;
}

int pascalrow_valuations(uint64_t p, size_t count, const uint64_t *n, const uint64_t *k,
                         uint64_t *out, size_t *first_bad)
{
    if (first_bad != NULL) *first_bad = count;
    if (count == 0) return pr_is_prime_u64(p) ? PASCALROW_OK : PASCALROW_EINVAL;
    if (n == NULL || k == NULL || out == NULL || !pr_is_prime_u64(p)) return PASCALROW_EINVAL;
    for (size_t i = 0; i < count; i++) {
        if (k[i] > n[i]) {
            if (first_bad != NULL) *first_bad = i;
            return PASCALROW_EINVAL;
        }
        out[i] = pr_carries(n[i], k[i], p);
    }
    return PASCALROW_OK;
}
