/* binomial(n, k, *, mod=None): C(n, k) for every integer n, GMP's
 * convention; C(n, k) for n ≥ 0, exact or mod m, by comb's paths
 * (pr_comb_args, pr_comb_value). */
#include "_convert.h"
#include "_module.h"

const char pr_binomial_doc[] = PyDoc_STR(
"binomial($module, n, k, /, *, mod=None)\n--\n\n"
"The binomial coefficient C(n, k) for every integer n, as an exact int,\n"
"with GMP's convention (mpz_bin_ui): n(n-1)(n-2)...(n-k+1) / k!.\n\n"
"For n >= 0 it is comb(n, k) (0 for k > n); for n < 0 it is\n"
"(-1)**k * comb(k - n - 1, k), never 0 (binomial(-1, k) is (-1)**k);\n"
"for k < 0 it is 0.  Arguments are accepted the way math.comb accepts them\n"
"(any object with __index__).  With mod (an integer 1 <= mod < 2**63),\n"
"returns C(n, k) % mod (in [0, mod)) for n and k of any size, as\n"
"comb(..., mod=) does.  Raises TypeError for a non-integer, ValueError for\n"
"mod <= 0, OverflowError and MemoryError as comb does for the comb(...)\n"
"above.");

PyObject *pr_binomial(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *nobj, *kobj, *result = NULL, *top = NULL;
    uint64_t m;
    if (pr_comb_args("binomial", args, nargs, kwnames, &nobj, &kobj, &m) < 0) return NULL;
    if (pr_long_sign(kobj) < 0) {                   /* k < 0: the empty convention, 0 */
        result = PyLong_FromLong(0);
        goto done;
    }
    if (pr_long_sign(nobj) >= 0) {
        result = pr_comb_value(module, nobj, kobj, m);
        goto done;
    }
    /* C(n, k) = n(n−1)…(n−k+1)/k!; for n < 0 each factor is minus one of
     * (k − n − 1)(k − n − 2)…(−n), so C(n, k) = (−1)^k·C(k − n − 1, k). */
    PyObject *diff = PyNumber_Subtract(kobj, nobj), *one = PyLong_FromLong(1);
    if (diff != NULL && one != NULL) top = PyNumber_Subtract(diff, one);
    Py_XDECREF(diff);
    Py_XDECREF(one);
    if (top == NULL || (result = pr_comb_value(module, top, kobj, m)) == NULL) goto done;
    if (PyLong_AsUnsignedLongLongMask(kobj) & 1) {  /* the low 64 bits of k ≥ 0: its parity */
        if (m == 0) Py_SETREF(result, PyNumber_Negative(result));
        else {                                      /* −x mod m = (m − x) mod m */
            uint64_t x = PyLong_AsUnsignedLongLong(result);
            Py_SETREF(result, PyLong_FromUnsignedLongLong(x == 0 ? 0 : m - x));
        }
    }
done:
    Py_XDECREF(top);
    Py_DECREF(kobj);
    Py_DECREF(nobj);
    return result;
}
