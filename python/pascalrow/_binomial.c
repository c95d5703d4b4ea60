/* binomial(n, k, *, mod=None): C(n, k) for every integer n, GMP's
 * convention; mod m by comb's paths (pr_comb_mod). */
#include "_args.h"
#include "_convert.h"
#include "_module.h"

const char pr_binomial_doc[] = PyDoc_STR(
"binomial($module, n, k, /, *, mod=None)\n--\n\n"
"The binomial coefficient C(n, k) for every integer n, as an exact int,\n"
"with GMP's convention (mpz_bin_ui): n * (n-1) * ... * (n-k+1) / k!.\n\n"
"For n >= 0 it is comb(n, k) (0 for k > n); for n < 0 it is\n"
"(-1)**k * comb(k - n - 1, k), never 0 (binomial(-1, k) is (-1)**k);\n"
"for k < 0 it is 0.  Arguments are accepted the way math.comb accepts them\n"
"(any object with __index__).  With mod (an integer 1 <= mod < 2**63),\n"
"returns C(n, k) % mod (in [0, mod)) for n and k of any size, as\n"
"comb(..., mod=) does.  Raises TypeError for a non-integer, ValueError for\n"
"mod <= 0, OverflowError and MemoryError as comb does for the comb(...)\n"
"above.");

static const char *const binomial_kw[] = { NULL, NULL, "mod" };

/* comb(n, k) for n, k ≥ 0: exact, or mod m (m ≠ 0). */
static PyObject *comb_of(PyObject *module, PyObject *nobj, PyObject *kobj, uint64_t m)
{
    return m != 0 ? pr_comb_mod(nobj, kobj, m) : pr_comb_exact(module, nobj, kobj);
}

PyObject *pr_binomial(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *arg[3];
    uint64_t m;
    if (pr_unpack_args("binomial", args, nargs, kwnames, binomial_kw, 3, 2, 2, arg) < 0 || pr_mod_arg(arg[2], &m) < 0)
        return NULL;
    PyObject *result = NULL, *nobj = PyNumber_Index(arg[0]), *kobj = NULL, *top = NULL;
    if (nobj == NULL) return NULL;
    if ((kobj = PyNumber_Index(arg[1])) == NULL) goto done;
    if (pr_long_sign(kobj) < 0) {                   /* k < 0: the empty convention, 0 */
        result = PyLong_FromLong(0);
        goto done;
    }
    if (pr_long_sign(nobj) >= 0) {
        result = comb_of(module, nobj, kobj, m);
        goto done;
    }
    /* C(n, k) = n(n−1)…(n−k+1)/k!; for n < 0 each factor is minus one of
     * (k − n − 1)(k − n − 2)…(−n), so C(n, k) = (−1)^k·C(k − n − 1, k). */
    PyObject *diff = PyNumber_Subtract(kobj, nobj), *one = PyLong_FromLong(1);
    if (diff != NULL && one != NULL) top = PyNumber_Subtract(diff, one);
    Py_XDECREF(diff);
    Py_XDECREF(one);
    if (top == NULL || (result = comb_of(module, top, kobj, m)) == NULL) goto done;
    if (PyLong_AsUnsignedLongLongMask(kobj) & 1) {  /* the low 64 bits of k ≥ 0: its parity */
        if (m == 0) Py_SETREF(result, PyNumber_Negative(result));
        else {                                      /* −x mod m = (m − x) mod m */
            uint64_t x = PyLong_AsUnsignedLongLong(result);
            Py_SETREF(result, PyLong_FromUnsignedLongLong(x == 0 ? 0 : m - x));
        }
    }
done:
    Py_XDECREF(top);
    Py_XDECREF(kobj);
    Py_DECREF(nobj);
    return result;
}
