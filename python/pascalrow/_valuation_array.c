/* valuation_array's loop (see _ufuncs.h): runs of pairs with one p go to
 * pascalrow_valuations, which tests p for primality once per call; pairs
 * are gathered into a block of packed arrays first (NumPy's strides may be
 * anything).  Where k > n or p is not prime the flag is false.  Split over
 * threads (_parallel.h). */
#include "_ufuncs.h"
#include "_parallel.h"

#include "pascalrow.h"

#define BLOCK 512

/* args: n, k, p, threads → v_p C(n, k), ok.  With int64 inputs (data
 * non-NULL) a negative one reads as 2^63 or more: such a pair enters the
 * block as (0, 1), which pascalrow_valuations flags (k > n). */
static void valuation_serial(char **args, intptr_t count, const intptr_t *steps, const void *data)
{
    uint64_t n[BLOCK], k[BLOCK], v[BLOCK];
    for (intptr_t base = 0; base < count;) {
        /* the block: up to BLOCK pairs from base on with the p of pair base */
        const uint64_t p = PR_ARG(2, npy_uint64, base);
        const int signed_in = data != NULL;
        size_t len = 0;
        for (intptr_t j = base; len < BLOCK && j < count && PR_ARG(2, npy_uint64, j) == p; j++, len++) {
            n[len] = PR_ARG(0, npy_uint64, j);
            k[len] = PR_ARG(1, npy_uint64, j);
            if (signed_in && (n[len] | k[len] | p) >> 63) {    /* a negative input: */
                n[len] = 0;                                   /* k > n, so flagged */
                k[len] = 1;
            }
        }
        /* pascalrow_valuations stops at the first k > n: that pair is
         * flagged and the rest of the block goes on after it.  A p that is
         * not prime flags them all (first_bad = count, nothing written). */
        for (size_t from = 0; from < len;) {
            size_t rest = len - from, bad = rest;
            int st = pascalrow_valuations(p, rest, n + from, k + from, v + from, &bad);
            size_t good = st == PASCALROW_OK ? rest : bad < rest ? bad : 0;
            size_t next = st == PASCALROW_OK || bad == rest ? rest : bad + 1;
            for (size_t i = 0; i < next; i++) {
                intptr_t j = base + (intptr_t)(from + i);
                PR_ARG(4, npy_uint64, j) = i < good ? v[from + i] : 0;
                PR_ARG(5, npy_bool, j) = (npy_bool)(i < good);
            }
            from += next;
        }
        base += (intptr_t)len;
    }
}

void pr_valuation_loop(char **args, npy_intp const *dims, npy_intp const *steps, void *data)
{
    if (dims[0] > 0) pr_parallel_loop(valuation_serial, args, dims[0], steps, data, 6, *(npy_int64 *)args[3]);
}
