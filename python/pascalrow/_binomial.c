/* binomial(n, k): C(n, k) for every integer n, GMP's convention. */
#include "_args.h"
#include "_convert.h"
#include "_module.h"

const char pr_binomial_doc[] = PyDoc_STR(
"binomial($module, n, k, /)\n--\n\n"
"The binomial coefficient C(n, k) for every integer n, as an exact int,\n"
"with GMP's convention (mpz_bin_ui): n * (n-1) * ... * (n-k+1) / k!.\n\n"
"For n >= 0 it is comb(n, k) (0 for k > n); for n < 0 it is\n"
"(-1)**k * comb(k - n - 1, k), never 0 (binomial(-1, k) is (-1)**k);\n"
"for k < 0 it is 0.  Arguments are accepted the way math.comb accepts them\n"
"(any object with __index__).  Raises TypeError for a non-integer,\n"
"OverflowError and MemoryError as comb does for the comb(...) above.");

static const char *const binomial_kw[] = { NULL, NULL };

PyObject *pr_binomial(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    PyObject *arg[2];
    if (pr_unpack_args("binomial", args, nargs, NULL, binomial_kw, 2, 2, 2, arg) < 0) return NULL;
    PyObject *result = NULL, *nobj = PyNumber_Index(arg[0]), *kobj = NULL, *top = NULL;
    if (nobj == NULL) return NULL;
    if ((kobj = PyNumber_Index(arg[1])) == NULL) goto done;
    if (pr_long_sign(kobj) < 0) {                   /* k < 0: the empty convention, 0 */
        result = PyLong_FromLong(0);
        goto done;
    }
    if (pr_long_sign(nobj) >= 0) {
        result = pr_comb_exact(module, nobj, kobj);
        goto done;
    }
    /* C(n, k) = n(n−1)…(n−k+1)/k!; for n < 0 each factor is minus one of
     * (k − n − 1)(k − n − 2)…(−n), so C(n, k) = (−1)^k·C(k − n − 1, k). */
    PyObject *diff = PyNumber_Subtract(kobj, nobj), *one = PyLong_FromLong(1);
    if (diff != NULL && one != NULL) top = PyNumber_Subtract(diff, one);
    Py_XDECREF(diff);
    Py_XDECREF(one);
    if (top == NULL || (result = pr_comb_exact(module, top, kobj)) == NULL) goto done;
    if (PyLong_AsUnsignedLongLongMask(kobj) & 1)    /* the low 64 bits of k ≥ 0: its parity */
        Py_SETREF(result, PyNumber_Negative(result));
done:
    Py_XDECREF(top);
    Py_XDECREF(kobj);
    Py_DECREF(nobj);
    return result;
}
