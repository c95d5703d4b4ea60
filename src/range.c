/* Ranges of a row: the clip every function taking a slice applies, and
 * bounds on the sizes of a slice's values and of their sum, public for
 * callers that size their own buffers or refuse requests first. */
#include "internal.h"

int pascalrow_clip_range(uint64_t n, uint64_t *start, uint64_t *stop)
{
    if (start == NULL || stop == NULL) return PASCALROW_EINVAL;
    int st = pr_clip_range(n, start, stop);
    return st == PR_RANGE_NONEMPTY ? PASCALROW_OK : st;
}

uint64_t pascalrow_slice_bits_bound(uint64_t n, uint64_t start, uint64_t stop)
{
    if (pr_clip_range(n, &start, &stop) != PR_RANGE_NONEMPTY) return 0;
    return pr_range_bits_bound(n, start, stop);
}

/* The sum of the slice is at most its count (< 2^64) times its largest
 * value: 64 bits over that value's bound, 66 with room.  And no sum of row
 * n exceeds the whole row's 2^n: n + 1 bits. */
uint64_t pascalrow_row_sum_bits_bound(uint64_t n, uint64_t start, uint64_t stop)
{
    uint64_t bits = pascalrow_slice_bits_bound(n, start, stop);
    if (bits == 0) return 0;
    bits = pr_add_sat(bits, 66);
    return bits < n + 1 ? bits : n + 1;
}
