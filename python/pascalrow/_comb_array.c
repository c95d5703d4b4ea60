/* comb_array's loops (see _ufuncs.h):
 *   uint64: pascalrow_comb_u64, which decides from n and min(k, n − k)
 *       whether C(n, k) < 2^64 before computing it — nothing wrapped is
 *       ever written;
 *   object: the same below 2^64; past it, the module's comb (exact, GMP,
 *       answering Ctrl-C and refusing what memory cannot hold);
 *   mod m: C(n, k) mod m from the uint64 value where it fits (one division),
 *       else pascalrow_comb_mod within the cost limit comb(..., mod=) has.
 * The uint64 and mod loops are split over threads (_parallel.h); in their
 * int64 form an element with a negative n or k is flagged.
 */
#include "_ufuncs.h"
#include "_parallel.h"

#include "pascalrow.h"

/* Whether an element's inputs include a negative one: only int64 inputs
 * (data non-NULL) can, as a set top bit. */
static inline int negative(const void *data, uint64_t bits) { return data != NULL && bits >> 63; }

/* args: n, k, threads → C(n, k), fits */
static void comb_u64_serial(char **args, intptr_t count, const intptr_t *steps, const void *data)
{
    for (intptr_t j = 0; j < count; j++) {
        uint64_t n = PR_ARG(0, npy_uint64, j), k = PR_ARG(1, npy_uint64, j), v = 0;
        int ok = !negative(data, n | k) && pascalrow_comb_u64(n, k, &v) == PASCALROW_OK;
        PR_ARG(3, npy_uint64, j) = v;
        PR_ARG(4, npy_bool, j) = (npy_bool)ok;
    }
}

void pr_comb_u64_loop(char **args, npy_intp const *dims, npy_intp const *steps, void *data)
{
    if (dims[0] > 0) pr_parallel_loop(comb_u64_serial, args, dims[0], steps, data, 5, *(npy_int64 *)args[2]);
}

/* Ctrl-C is looked for every this many values (and by comb itself inside
 * each long one). */
#define SIGNAL_EVERY 4096

/* args: n, k → C(n, k); the GIL held. */
void pr_comb_object_loop(char **args, npy_intp const *dims, npy_intp const *steps, void *data)
{
    PyObject *comb = *(PyObject **)data;
    for (npy_intp j = 0; j < dims[0]; j++) {
        uint64_t n = PR_ARG(0, npy_uint64, j), k = PR_ARG(1, npy_uint64, j), v;
        PyObject *r;
        if (pascalrow_comb_u64(n, k, &v) == PASCALROW_OK) {
            r = PyLong_FromUnsignedLongLong(v);
        } else {
            PyObject *nk[2] = { PyLong_FromUnsignedLongLong(n), PyLong_FromUnsignedLongLong(k) };
            r = nk[0] && nk[1] ? PyObject_Vectorcall(comb, nk, 2, NULL) : NULL;
            Py_XDECREF(nk[0]);
            Py_XDECREF(nk[1]);
        }
        if (r == NULL || (j % SIGNAL_EVERY == SIGNAL_EVERY - 1 && PyErr_CheckSignals() < 0)) {
            Py_XDECREF(r);
            return;                                    /* NumPy sees the exception */
        }
        Py_XSETREF(PR_ARG(2, PyObject *, j), r);
    }
}

/* args: n, k, m, threads → C(n, k) mod m, ok */
static void comb_mod_serial(char **args, intptr_t count, const intptr_t *steps, const void *data)
{
    for (intptr_t j = 0; j < count; j++) {
        uint64_t n = PR_ARG(0, npy_uint64, j), k = PR_ARG(1, npy_uint64, j), v = 0;
        const uint64_t m = PR_ARG(2, npy_uint64, j);
        int ok = !negative(data, n | k) && m >= 1 && m <= PASCALROW_MOD_MAX;
        if (ok && pascalrow_comb_u64(n, k, &v) == PASCALROW_OK) {
            v %= m;
        } else if (ok) {
            ok = pascalrow_comb_mod_cost(n, k, m) <= PASCALROW_MOD_COST_LIMIT;
            if (ok) pascalrow_comb_mod(n, k, m, &v);        /* cannot fail: m checked */
        }
        PR_ARG(4, npy_uint64, j) = ok ? v : 0;
        PR_ARG(5, npy_bool, j) = (npy_bool)ok;
    }
}

void pr_comb_mod_loop(char **args, npy_intp const *dims, npy_intp const *steps, void *data)
{
    if (dims[0] > 0) pr_parallel_loop(comb_mod_serial, args, dims[0], steps, data, 6, *(npy_int64 *)args[3]);
}
