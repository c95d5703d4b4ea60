/* comb(n, k, /, *, mod=None), and what binomial (_binomial.c) shares with
 * it: pr_comb_args, its arguments, and pr_comb_value, C(n, k) exactly or
 * mod m for n, k ≥ 0.
 *
 * Arguments are parsed once, in pr_comb_args, then, with k reduced to
 * min(k, n − k) by C(n,k) = C(n,n−k):
 *   n ≤ 67: the module's table of rows;
 *   n < 2^64: _exact_ints.c (the library's value written into the int's
 *       digits; a long one by prime factorisation on the module's threads);
 *   n ≥ 2^64: pascalrow_comb_mpz_big on the exact n (_exact_ints.c);
 *   mod=m, n < 2^64: pascalrow_comb_mod; n ≥ 2^64: pascalrow_comb_mod_mpz
 *       (the base-p digits of n and k, for any size).
 * Each runs where its cost says (_interruptible.h): with the GIL, without
 * it, or on a thread Ctrl-C can abandon.
 */
#include "_args.h"
#include "_exact_ints.h"
#include "_convert.h"
#include "_interruptible.h"
#include "_memory.h"
#include "_module.h"

#include "pascalrow.h"

const char pr_comb_doc[] = PyDoc_STR(
"comb($module, n, k, /, *, mod=None)\n--\n\n"
"The binomial coefficient C(n, k) as an exact int, like math.comb.\n\n"
"Returns n! / (k! * (n - k)!) for k <= n and 0 for k > n. Both arguments\n"
"are accepted the way math.comb accepts them (any object with __index__).\n"
"With mod (an integer 1 <= mod < 2**63) returns C(n, k) % mod, for any\n"
"modulus and n, k of any size, without the exact value (Lucas/Granville on\n"
"the base-p digits per prime power of mod, or the recurrence, whichever is\n"
"cheaper): comb(10**20, 10**19, mod=7) reads 24 base-7 digits.\n"
"Raises TypeError for a non-integer, ValueError for a negative argument or\n"
"mod = 0, OverflowError if min(k, n - k) does not fit 64 bits (without\n"
"mod), mod is too large or C(n, k) % mod is out of reach (over 1e10 steps by\n"
"every known way: a large prime power of mod and deep digits), and\n"
"MemoryError, before any work starts, if the result would not fit in\n"
"memory.");

/* C(n, k) for n < 2^64 and k ≤ n/2. */
static PyObject *comb_small_n(pr_module_state *st, uint64_t n, uint64_t k)
{
    if (n <= PR_SMALL_MAX) return Py_NewRef(PyTuple_GET_ITEM(st->small_rows[n], (Py_ssize_t)k));
    if (pr_refuse_memory(pr_mem_comb(n, k), 0, "comb(%llu, %llu)", (unsigned long long)n,
                         (unsigned long long)k) < 0)
        return NULL;
    unsigned threads;
    if (pr_threads_resolve(st->threads, &threads) < 0) return NULL;
    int status;
    PyObject *v = pr_comb_long(n, k, threads, &status);
    if (v == NULL && !PyErr_Occurred()) pr_raise_status(status);
    return v;
}

/* C(n, k) for n ≥ 2^64 and k ≤ n/2, k < 2^64: pascalrow_comb_mpz_big takes
 * n as an mpz (C(n,k) = n(n−1)…(n−k+1)/k!); its memory is checked first. */
static PyObject *comb_big_n(PyObject *nobj, uint64_t k)
{
    if (k == 0) return PyLong_FromLong(1);
    size_t nbits = pr_long_bits(nobj);
    if (pr_refuse_memory(pr_mem_comb_big_n(nbits, k), 1, "comb(n, %llu) with a %zu-bit n",
                         (unsigned long long)k, nbits) < 0)
        return NULL;
    return pr_comb_big_n_long(nobj, k);
}

static int comb_mod_call(const uint64_t *a, uint64_t *value) { return pascalrow_comb_mod(a[0], a[1], a[2], value); }

/* C(n, k) mod m for n < 2^64, k ≤ n, run where its cost says (pr_call_u64). */
static PyObject *comb_mod(uint64_t n, uint64_t k, uint64_t m)
{
    uint64_t cost = pascalrow_comb_mod_cost(n, k, m);
    if (pr_refuse_mod_cost("comb(n, k, mod=...)", cost) < 0) return NULL;
    const uint64_t args[4] = { n, k, m, 0 };
    return pr_call_u64(comb_mod_call, args, (double)cost);
}

static int comb_mod_mpz_call(mpz_srcptr const *z, uint64_t m, uint64_t *value)
{
    return pascalrow_comb_mod_mpz(z[0], z[1], m, value);
}

/* C(n, k) mod m for n ≥ 2^64 by the digits: refused first when its memory
 * or its cost (which makes the digits) is out of reach; then as comb_mod. */
static PyObject *comb_mod_big(PyObject *nobj, PyObject *kobj, uint64_t m)
{
    size_t nbits = pr_long_bits(nobj);
    if (pr_refuse_memory(pr_mem_mod_big(nbits), 1, "comb(n, k, mod=...) with a %zu-bit n", nbits) < 0)
        return NULL;
    mpz_t n, k;
    mpz_inits(n, k, NULL);
    uint64_t cost = UINT64_MAX;
    int ok = pr_mpz_set_long(n, nobj) == 0 && pr_mpz_set_long(k, kobj) == 0;
    if (ok) cost = pascalrow_comb_mod_mpz_cost(n, k, m);
    mpz_clears(n, k, NULL);
    if (!ok || pr_refuse_mod_cost("comb(n, k, mod=...)", cost) < 0) return NULL;
    PyObject *const objs[2] = { nobj, kobj };
    return pr_call_mpz(comb_mod_mpz_call, objs, 2, m, (double)cost);
}

/* C(n, k) mod m for exact ints n, k ≥ 0 of any size (0 for k > n). */
static PyObject *comb_mod_any(PyObject *nobj, PyObject *kobj, uint64_t m)
{
    uint64_t n, k;
    if (!pr_u64_fits(nobj, &n)) return comb_mod_big(nobj, kobj, m);
    if (!pr_u64_fits(kobj, &k) || k > n) return PyLong_FromLong(0);   /* C(n,k) = 0 for k > n */
    return comb_mod(n, k, m);
}

/* n ≥ 2^64: k = min(k, n − k) with Python ints, then the exact value. */
static PyObject *comb_huge(PyObject *nobj, PyObject *kobj)
{
    PyObject *result = NULL, *diff = PyNumber_Subtract(nobj, kobj);
    if (diff == NULL) return NULL;
    if (pr_long_sign(diff) < 0) { Py_DECREF(diff); return PyLong_FromLong(0); }   /* k > n */
    int cmp = PyObject_RichCompareBool(diff, kobj, Py_LT);
    uint64_t k;
    if (cmp >= 0) {
        if (pr_u64_fits(cmp ? diff : kobj, &k)) result = comb_big_n(nobj, k);
        else PyErr_Format(PyExc_OverflowError, "min(n - k, k) must not exceed %llu",
                          (unsigned long long)UINT64_MAX);
    }
    Py_DECREF(diff);
    return result;
}

/* C(n, k) exactly for exact ints n, k ≥ 0 (0 for k > n). */
static PyObject *comb_exact(PyObject *module, PyObject *nobj, PyObject *kobj)
{
    uint64_t n, k;
    if (!pr_u64_fits(nobj, &n)) return comb_huge(nobj, kobj);
    if (!pr_u64_fits(kobj, &k) || k > n) return PyLong_FromLong(0);   /* C(n,k) = 0 for k > n */
    return comb_small_n(pr_state(module), n, k < n - k ? k : n - k);
}

PyObject *pr_comb_value(PyObject *module, PyObject *nobj, PyObject *kobj, uint64_t m)
{
    return m != 0 ? comb_mod_any(nobj, kobj, m) : comb_exact(module, nobj, kobj);
}

static const char *const comb_kw[] = { NULL, NULL, "mod" };

int pr_comb_args(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                 PyObject **nobj, PyObject **kobj, uint64_t *m)
{
    PyObject *arg[3];
    if (pr_unpack_args(fname, args, nargs, kwnames, comb_kw, 3, 2, 2, arg) < 0 || pr_mod_arg(arg[2], m) < 0)
        return -1;
    if ((*nobj = PyNumber_Index(arg[0])) == NULL) return -1;
    if ((*kobj = PyNumber_Index(arg[1])) == NULL) {
        Py_CLEAR(*nobj);
        return -1;
    }
    return 0;
}

PyObject *pr_comb(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *nobj, *kobj, *result = NULL;
    uint64_t m;
    if (pr_comb_args("comb", args, nargs, kwnames, &nobj, &kobj, &m) < 0) return NULL;
    if (pr_require_nonneg(nobj, "n") == 0 && pr_require_nonneg(kobj, "k") == 0)
        result = pr_comb_value(module, nobj, kobj, m);
    Py_DECREF(kobj);
    Py_DECREF(nobj);
    return result;
}
