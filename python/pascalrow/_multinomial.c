/* multinomial(*ks) = (Σk)! / Π k!. */
#include "_args.h"
#include "_convert.h"
#include "_memory.h"
#include "_module.h"

#include "pascalrow.h"

const char pr_multinomial_doc[] = PyDoc_STR(
"multinomial($module, /, *ks)\n--\n\n"
"The multinomial coefficient sum(ks)! / prod(k! for k in ks) as an exact\n"
"int: the number of ways to split sum(ks) items into groups of the sizes\n"
"ks.  multinomial() is 1, multinomial(k) is 1,\n"
"multinomial(n - k, k) is comb(n, k).\n\n"
"Computed as a product of binomials C(s_i, k_i), the largest k first.\n"
"Arguments are accepted the way math.comb accepts them (any object with\n"
"__index__).  Raises TypeError for a non-integer, ValueError for a negative\n"
"argument, OverflowError when two arguments are 2**64 or more (the result\n"
"would have more than 2**64 bits), and MemoryError, before any work\n"
"starts, if the result would not fit in memory.");

/* rop = multinomial of the ints in ks[0..count), largest first, by
 * pascalrow_multinomial_mpz_big: the largest as an mpz, the others (each
 * below 2^64) in order.  For sums ≥ 2^64, where pascalrow_multinomial_mpz
 * cannot go. */
static int multinomial_big(mpz_t rop, PyObject **ks, Py_ssize_t count, Py_ssize_t top)
{
    mpz_t big;
    mpz_init(big);
    int ret = pr_mpz_set_long(big, ks[top]);
    size_t rest = 0;
    uint64_t *small = PyMem_Malloc((size_t)(count ? count : 1) * sizeof *small);
    if (small == NULL) { PyErr_NoMemory(); ret = -1; }
    for (Py_ssize_t i = 0; ret == 0 && i < count; i++) {
        if (i == top) continue;
        small[rest] = PyLong_AsUnsignedLongLong(ks[i]);
        if (small[rest++] == (uint64_t)-1 && PyErr_Occurred()) {
            PyErr_SetString(PyExc_OverflowError,
                            "multinomial: only the largest argument may be 2**64 or more");
            ret = -1;
        }
    }
    if (ret == 0) {
        uint64_t bits = pascalrow_multinomial_mpz_big_bits(mpz_sizeinbase(big, 2), small, rest);
        ret = pr_refuse_memory(pr_mem_multinomial((double)bits), 1, "multinomial(...)");
    }
    if (ret == 0) {
        int status = pascalrow_multinomial_mpz_big(big, small, rest, rop);
        if (status != PASCALROW_OK) { pr_raise_status(status); ret = -1; }
    }
    PyMem_Free(small);
    mpz_clear(big);
    return ret;
}

/* The same in 64 bits through pascalrow_multinomial_mpz, its size bounded
 * first by Σ bits(C(s_i, k_i)) in the same order. */
static int multinomial_u64(mpz_t rop, const uint64_t *ks, Py_ssize_t count, Py_ssize_t top)
{
    double bits = 0;
    uint64_t s = ks[top];
    for (Py_ssize_t i = 0; i < count; i++)
        if (i != top) bits += (double)pascalrow_comb_bits_bound(s += ks[i], ks[i]);
    /* GMP's own memory is probed by the library (pascalrow_multinomial_mpz) */
    if (pr_refuse_memory(pr_mem_multinomial(bits), 0, "multinomial(...)") < 0) return -1;
    int status = pascalrow_multinomial_mpz(ks, (size_t)count, rop);
    if (status != PASCALROW_OK) { pr_raise_status(status); return -1; }
    return 0;
}

PyObject *pr_multinomial(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    PyObject **ks = PyMem_Calloc((size_t)(nargs ? nargs : 1), sizeof *ks);
    uint64_t *small = PyMem_Malloc((size_t)(nargs ? nargs : 1) * sizeof *small);
    PyObject *result = NULL;
    mpz_t z;
    mpz_init(z);
    if (ks == NULL || small == NULL) { PyErr_NoMemory(); goto done; }
    Py_ssize_t top = 0;
    int fits = 1;                          /* every k and their sum below 2^64 */
    uint64_t sum = 0;
    for (Py_ssize_t i = 0; i < nargs; i++) {
        if ((ks[i] = pr_nonneg_index(args[i], "multinomial argument")) == NULL) goto done;
        int cmp = i == 0 ? 0 : PyObject_RichCompareBool(ks[i], ks[top], Py_GT);
        if (cmp < 0) goto done;
        if (cmp) top = i;
        small[i] = PyLong_AsUnsignedLongLong(ks[i]);
        if (small[i] == (uint64_t)-1 && PyErr_Occurred()) { PyErr_Clear(); fits = 0; }
        else if (small[i] > UINT64_MAX - sum) fits = 0;
        else sum += small[i];
    }
    if (nargs == 0) { result = PyLong_FromLong(1); goto done; }
    if ((fits ? multinomial_u64(z, small, nargs, top) : multinomial_big(z, ks, nargs, top)) == 0)
        result = pr_long_from_mpz(z);
done:
    for (Py_ssize_t i = 0; ks != NULL && i < nargs; i++) Py_XDECREF(ks[i]);
    PyMem_Free(ks);
    PyMem_Free(small);
    mpz_clear(z);
    return result;
}
