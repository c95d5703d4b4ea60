/* multinomial(*ks) = (Σk)! / Π k!. */
#include "_args.h"
#include "_convert.h"
#include "_memory.h"
#include "_module.h"

#include "pascalrow.h"

const char pr_multinomial_doc[] = PyDoc_STR(
"multinomial($module, /, *ks)\n--\n\n"
"The multinomial coefficient (k1 + k2 + ...)! / (k1! * k2! * ...) as an\n"
"exact int: the number of ways to split k1 + k2 + ... items into groups of\n"
"k1, k2, ... items.  multinomial() is 1, multinomial(k) is 1,\n"
"multinomial(n - k, k) is comb(n, k).\n\n"
"Computed as a product of binomials C(s_i, k_i), the largest k first.\n"
"Arguments are accepted the way math.comb accepts them (any object with\n"
"__index__).  Raises TypeError for a non-integer, ValueError for a negative\n"
"argument, OverflowError when two arguments are 2**64 or more (the result\n"
"would have more than 2**64 bits), and MemoryError, before any work\n"
"starts, if the result would not fit in memory.");

/* rop = multinomial of the ints in ks[0..count), largest first: s = the
 * largest, then for each other k, s += k and rop *= C(s, k) (GMP takes s as
 * an mpz, k < 2^64).  For sums ≥ 2^64, where the C function cannot go. */
static int multinomial_big(mpz_t rop, PyObject **ks, Py_ssize_t count, Py_ssize_t top)
{
    mpz_t s, c;
    mpz_inits(s, c, NULL);
    int ret = pr_mpz_set_long(s, ks[top]);
    size_t bits = mpz_sizeinbase(s, 2) + 1;
    double total = 0;
    uint64_t *small = PyMem_Malloc((size_t)(count ? count : 1) * sizeof *small);
    if (small == NULL) { PyErr_NoMemory(); ret = -1; }
    for (Py_ssize_t i = 0; ret == 0 && i < count; i++) {
        if (i == top) continue;
        small[i] = PyLong_AsUnsignedLongLong(ks[i]);
        if (small[i] == (uint64_t)-1 && PyErr_Occurred()) {
            PyErr_SetString(PyExc_OverflowError,
                            "multinomial: only the largest argument may be 2**64 or more");
            ret = -1;
        }
        total += (double)small[i] * (double)(bits + 64);  /* C(s,k) ≤ s^k */
    }
    if (ret == 0) ret = pr_refuse_memory(pr_mem_multinomial(total), 1, "multinomial(...)");
    mpz_set_ui(rop, 1);
    for (Py_ssize_t i = 0; ret == 0 && i < count; i++) {
        if (i == top || small[i] == 0) continue;
        mpz_add_ui(s, s, small[i]);
        mpz_bin_ui(c, s, small[i]);                       /* C(s_i, k_i) */
        mpz_mul(rop, rop, c);
    }
    PyMem_Free(small);
    mpz_clears(s, c, NULL);
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
