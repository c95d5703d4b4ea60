/* valuation(n, k, p): the exponent of the prime p in C(n, k).
 *
 *   n < 2^64: pascalrow_valuation (Kummer's carries, word arithmetic), the
 *       GIL held (it takes microseconds);
 *   n ≥ 2^64: pascalrow_valuation_big (Legendre's formula on base-p digit
 *       sums of GMP integers), its memory checked first.
 * p ≥ 2^64 is refused (OverflowError): the library decides primality
 * deterministically only below 2^64.
 */
#include "_args.h"
#include "_convert.h"
#include "_memory.h"
#include "_module.h"

#include "pascalrow.h"

const char pr_valuation_doc[] = PyDoc_STR(
"valuation($module, n, k, p, /)\n--\n\n"
"The exponent of the prime p in comb(n, k), without computing comb(n, k).\n\n"
"Kummer's theorem: the number of carries when k and n - k are added in\n"
"base p; for any n >= k >= 0, including n >= 2**64 (Legendre's formula on\n"
"base-p digit sums).  Arguments are accepted the way math.comb accepts\n"
"them (any object with __index__).  Raises TypeError for a non-integer,\n"
"ValueError for a negative argument, for k > n (comb(n, k) = 0 has no\n"
"valuation) and when p is not a prime, OverflowError when p >= 2**64\n"
"(primality is decided exactly only below it), and MemoryError, before any\n"
"work starts, if the digit sums of a huge n would not fit in memory.");

/* v_p C(n, k) for n ≥ 2^64, k ≤ n, p prime < 2^64: pascalrow_valuation_big,
 * its memory (GMP's) checked against this process's first. */
static PyObject *valuation_big(PyObject *nobj, PyObject *kobj, uint64_t p)
{
    size_t nbits = pr_long_bits(nobj);
    if (pr_refuse_memory((double)pascalrow_valuation_big_bytes(nbits), 1, "valuation(n, k, %llu) with a %zu-bit n",
                         (unsigned long long)p, nbits) < 0)
        return NULL;
    mpz_t n, k;
    mpz_init(n);
    mpz_init(k);
    PyObject *result = NULL;
    uint64_t val;
    if (pr_mpz_set_long(n, nobj) == 0 && pr_mpz_set_long(k, kobj) == 0) {
        int status = pascalrow_valuation_big(n, k, p, &val);
        result = status == PASCALROW_OK ? PyLong_FromUnsignedLongLong(val) : pr_raise_status(status);
    }
    mpz_clear(n);
    mpz_clear(k);
    return result;
}

static const char *const valuation_kw[] = { NULL, NULL, NULL };

PyObject *pr_valuation(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    PyObject *arg[3], *v[3] = { NULL, NULL, NULL }, *result = NULL;
    static const char *const names[3] = { "n", "k", "p" };
    if (pr_unpack_args("valuation", args, nargs, NULL, valuation_kw, 3, 3, 3, arg) < 0) return NULL;
    /* All converted before any sign is checked, as math.comb does. */
    for (int i = 0; i < 3; i++)
        if ((v[i] = PyNumber_Index(arg[i])) == NULL) goto done;
    for (int i = 0; i < 3; i++)
        if (pr_require_nonneg(v[i], names[i]) < 0) goto done;
    uint64_t n, k, p, val;
    if (!pr_u64_fits(v[2], &p)) {
        PyErr_SetString(PyExc_OverflowError, "p must be less than 2**64");
        goto done;
    }
    /* k > n is EINVAL below as well: checked first, to say which is wrong */
    int cmp = PyObject_RichCompareBool(v[1], v[0], Py_GT);
    if (cmp != 0) {
        if (cmp > 0) PyErr_SetString(PyExc_ValueError, "k must not exceed n: comb(n, k) = 0 has no valuation");
        goto done;
    }
    /* with k ≤ n, EINVAL means p is not prime (C(0, 0) needs no more) */
    if (pascalrow_valuation(0, 0, p, &val) != PASCALROW_OK) {
        PyErr_SetString(PyExc_ValueError, "p must be a prime");
        goto done;
    }
    if (pr_u64_fits(v[0], &n) && pr_u64_fits(v[1], &k)) {
        pascalrow_valuation(n, k, p, &val);            /* cannot fail: k ≤ n, p prime */
        result = PyLong_FromUnsignedLongLong(val);
    } else {
        result = valuation_big(v[0], v[1], p);
    }
done:
    for (int i = 0; i < 3; i++) Py_XDECREF(v[i]);
    return result;
}
