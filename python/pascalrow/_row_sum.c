/* row_sum(n, start=0, stop=None, *, mod=None).
 *
 * Arguments as pascal_row's (the same slice of the same row), then:
 *   exact: pascalrow_row_sum_mpz, run where its cost says (_interruptible.h:
 *       pr_row_sum_steps): a long sum on a thread Ctrl-C can abandon;
 *   mod m: pascalrow_row_sum_mod, refused first when its cost
 *       (pascalrow_row_sum_mod_cost) is out of reach, then run where that
 *       cost says (pr_call_u64); rows n ≥ 2^64 − 1 by
 *       pascalrow_row_sum_mod_mpz the same way (pr_call_mpz).
 */
#include "_args.h"
#include "_convert.h"
#include "_interruptible.h"
#include "_memory.h"
#include "_module.h"

#include "pascalrow.h"

#include <stdlib.h>

const char pr_row_sum_doc[] = PyDoc_STR(
"row_sum($module, n, /, start=0, stop=None, *, mod=None)\n--\n\n"
"The sum of a slice of row n of Pascal's triangle, as an exact int.\n\n"
"row_sum(n, start, stop) == sum(pascal_row(n, start, stop)), computed\n"
"without keeping the slice: the bounds behave exactly as pascal_row's\n"
"(stop > n + 1 is clipped, start >= stop gives 0, negative bounds raise\n"
"ValueError).  The whole row is 2**n; a slice covering most of the row is\n"
"2**n minus the rest.\n\n"
"mod: an integer 1 <= mod < 2**63; returns the sum % mod, for any modulus\n"
"and n, start, stop of any size, e.g. row_sum(10**18, 0, 100, mod=10**9 + 7)\n"
"or row_sum(10**30, 1, 10**30, mod=7) (2**n less the two ends).\n\n"
"Raises TypeError for a non-integer, ValueError for a negative value or\n"
"mod = 0, OverflowError for n >= 2**64 - 1 without mod, mod too large or a\n"
"modular sum out of reach (over 1e10 steps by every known way; for\n"
"n >= 2**64 - 1 also a slice with 2**64 values or more both inside and\n"
"outside it), and MemoryError, before any work starts, if the result would\n"
"not fit in this machine's memory.");

struct sum_job {
    mpz_t value;
    uint64_t n, a, b;
    int status;
};

static void sum_job_work(void *vjob)
{
    struct sum_job *job = vjob;
    job->status = pascalrow_row_sum_mpz(job->n, job->a, job->b, job->value);
}

static PyObject *sum_job_finish(void *vjob)
{
    struct sum_job *job = vjob;
    return job->status == PASCALROW_OK ? pr_long_from_mpz(job->value) : pr_raise_status(job->status);
}

static void sum_job_release(void *vjob)
{
    struct sum_job *job = vjob;
    mpz_clear(job->value);
    free(job);
}

/* The exact sum of the slice [a, b) (clipped, non-empty) of row n. */
static PyObject *exact_sum(uint64_t n, uint64_t a, uint64_t b)
{
    if (pr_refuse_memory(pr_mem_row_sum(n, a, b), 0, "row_sum(%llu, %llu, %llu)", (unsigned long long)n,
                         (unsigned long long)a, (unsigned long long)b) < 0)
        return NULL;
    struct sum_job *job = malloc(sizeof *job);
    if (job == NULL) return PyErr_NoMemory();
    *job = (struct sum_job){ .n = n, .a = a, .b = b };
    mpz_init(job->value);
    uint64_t lo, hi;
    pascalrow_slice_hull(n, a, b, &lo, &hi);             /* the values walked; the largest at hi − 1 */
    /* C(n, k) < 2^n: when values of n bits are cheap, the closer bound is not needed */
    pr_where where = pr_where_to_run(pr_row_sum_steps(hi - lo, n));
    if (where != PR_HERE_WITH_GIL)
        where = pr_where_to_run(pr_row_sum_steps(hi - lo, pascalrow_comb_bits_bound(n, hi - 1)));
    return pr_run(sum_job_work, sum_job_finish, sum_job_release, job, where);
}

static int mod_sum_call(const uint64_t *a, uint64_t *value)
{
    return pascalrow_row_sum_mod(a[0], a[1], a[2], a[3], value);
}

/* The sum mod m, run where its cost says (pr_call_u64). */
static PyObject *mod_sum(uint64_t n, uint64_t a, uint64_t b, uint64_t m)
{
    uint64_t cost = pascalrow_row_sum_mod_cost(n, a, b, m);
    if (pr_refuse_mod_cost("row_sum(..., mod=...)", cost) < 0) return NULL;
    const uint64_t args[4] = { n, a, b, m };
    return pr_call_u64(mod_sum_call, args, (double)cost);
}

static int mod_sum_mpz_call(mpz_srcptr const *z, uint64_t m, uint64_t *value)
{
    return pascalrow_row_sum_mod_mpz(z[0], z[1], z[2], m, value);
}

/* The sum mod m of a slice of a row n ≥ 2^64 − 1 (start and stop as ints,
 * None: n + 1), refused first when its memory or cost is out of reach. */
static PyObject *mod_sum_big(PyObject *const *arg, uint64_t m)
{
    PyObject *result = NULL, *objs[3] = { PyNumber_Index(arg[0]), NULL, NULL };
    if (objs[0] == NULL) return NULL;
    objs[1] = arg[1] == NULL ? PyLong_FromLong(0) : PyNumber_Index(arg[1]);
    objs[2] = arg[2] == NULL || arg[2] == Py_None ? PyNumber_Add(objs[0], objs[0]) : PyNumber_Index(arg[2]);
    if (objs[1] == NULL || objs[2] == NULL) goto done;   /* stop 2n ≥ n + 1: clipped to the row */
    size_t nbits = pr_long_bits(objs[0]);
    if (pr_refuse_memory(pr_mem_mod_big(nbits), 1, "row_sum(n, ..., mod=...) with a %zu-bit n", nbits) < 0)
        goto done;
    mpz_t z[3];
    uint64_t cost = UINT64_MAX;
    int ok = 1;
    for (int i = 0; i < 3; i++) mpz_init(z[i]);
    for (int i = 0; i < 3 && ok; i++) ok = pr_mpz_set_long(z[i], objs[i]) == 0;
    if (ok) cost = pascalrow_row_sum_mod_mpz_cost(z[0], z[1], z[2], m);
    for (int i = 0; i < 3; i++) mpz_clear(z[i]);
    if (ok && cost == UINT64_MAX)
        PyErr_SetString(PyExc_OverflowError, "row_sum(n, start, stop, mod=...): for n >= 2**64 - 1 the slice or "
                        "the rest of the row must have fewer than 2**64 values");
    else if (ok && pr_refuse_mod_cost("row_sum(..., mod=...)", cost) == 0)
        result = pr_call_mpz(mod_sum_mpz_call, objs, 3, m, (double)cost);
done:
    for (int i = 0; i < 3; i++) Py_XDECREF(objs[i]);
    return result;
}

static const char *const row_sum_kw[] = { NULL, "start", "stop", "mod" };

PyObject *pr_row_sum(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    (void)module;
    PyObject *arg[4];
    uint64_t n, start, stop, m;
    if (pr_unpack_args("row_sum", args, nargs, kwnames, row_sum_kw, 4, 3, 1, arg) < 0
        || pr_u64_arg(arg[0], "n", 0, 0, &n) < 0 || pr_u64_arg(arg[1], "start", 1, 0, &start) < 0
        || pr_u64_arg(arg[2], "stop", 1, UINT64_MAX, &stop) < 0 || pr_mod_arg(arg[3], &m) < 0)
        return NULL;
    if (n == UINT64_MAX) {                               /* 2**64 - 1 or more (saturated) */
        if (m != 0) return mod_sum_big(arg, m);
        PyErr_SetString(PyExc_OverflowError, "row_sum: n must be less than 2**64 - 1 (without mod)");
        return NULL;
    }
    pascalrow_clip_range(n, &start, &stop);              /* cannot fail: n < 2^64 − 1 */
    if (start == stop) return PyLong_FromLong(0);        /* the empty sum, like a slice */
    return m != 0 ? mod_sum(n, start, stop, m) : exact_sum(n, start, stop);
}
