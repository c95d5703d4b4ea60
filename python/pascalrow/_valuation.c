/* valuation(n, k, p): the exponent of the prime p in C(n, k).
 *
 *   n < 2^64: pascalrow_valuation (Kummer's carries, word arithmetic), the
 *       GIL held (it takes microseconds);
 *   n ≥ 2^64: Legendre's formula on base-p digit sums of GMP integers, the
 *       digits split off by divide and conquer.
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

/* s_p(x), the sum of the base-p digits of x, for x < pw[j + 1] where
 * pw[i] = p^(2^i).  x = q·pw[j] + r with q, r < pw[j]: the digits of x are
 * the 2^j digits of r then those of q, so s_p(x) = s_p(q) + s_p(r).  Below
 * 2^64 the digits are taken one by one. */
static unsigned __int128 digit_sum(const mpz_t x, const mpz_t *pw, int j, uint64_t p)
{
    if (mpz_fits_ulong_p(x)) {
        unsigned long y = mpz_get_ui(x);
        unsigned __int128 s = 0;
        for (; y != 0; y /= p) s += y % p;
        return s;
    }
    if (mpz_cmp(x, pw[j]) < 0) return digit_sum(x, pw, j - 1, p);   /* x < pw[j] = pw[j−1]² */
    mpz_t q, r;
    mpz_init(q);
    mpz_init(r);
    mpz_tdiv_qr(q, r, x, pw[j]);
    unsigned __int128 s = digit_sum(q, pw, j - 1, p) + digit_sum(r, pw, j - 1, p);
    mpz_clear(q);
    mpz_clear(r);
    return s;
}

/* v_p C(n, k) for n ≥ 2^64, k ≤ n, p prime < 2^64.  Legendre:
 * v_p(n!) = (n − s_p(n))/(p − 1), so
 * v_p C(n, k) = v_p(n!) − v_p(k!) − v_p((n−k)!) = (s_p(k) + s_p(n−k) − s_p(n))/(p − 1).
 * For p = 2 the digit sum is the popcount. */
static PyObject *valuation_big(PyObject *nobj, PyObject *kobj, uint64_t p)
{
    size_t nbits = pr_long_bits(nobj);
    /* n, k, n − k; the powers p^(2^i) up to one above n (< 2·nbits + 64 bits
     * in all, the last alone up to 2·nbits); the quotients and remainders
     * along one path of the recursion (< 2·nbits bits) and one division's
     * scratch (a few times its dividend): 16 copies of n bound them. */
    if (pr_refuse_memory(16.0 * ((double)nbits / 8 + 64) + 4096, 1, "valuation(n, k, %llu) with a %zu-bit n",
                         (unsigned long long)p, nbits) < 0)
        return NULL;
    mpz_t x[3], pw[64];
    int npw = 0;
    mpz_init(x[0]);
    mpz_init(x[1]);
    mpz_init(x[2]);
    PyObject *result = NULL;
    if (pr_mpz_set_long(x[0], nobj) < 0 || pr_mpz_set_long(x[1], kobj) < 0) goto done;
    mpz_sub(x[2], x[0], x[1]);
    unsigned __int128 s[3];
    if (p == 2) {
        for (int i = 0; i < 3; i++) s[i] = mpz_popcount(x[i]);
    } else {
        /* pw[i] = p^(2^i) until pw[npw − 1] > n, so n < pw[npw − 1] = pw[npw − 2]²
         * (npw ≥ 2 as n ≥ 2^64 > p; 2^(2^63) is past any n) */
        mpz_init_set_ui(pw[npw++], p);
        while (mpz_cmp(pw[npw - 1], x[0]) <= 0) {
            mpz_init(pw[npw]);
            mpz_mul(pw[npw], pw[npw - 1], pw[npw - 1]);
            npw++;
        }
        for (int i = 0; i < 3; i++) s[i] = digit_sum(x[i], (const mpz_t *)pw, npw - 2, p);
    }
    /* k + (n − k) = n: the digit sums differ by (p − 1) per carry */
    result = PyLong_FromUnsignedLongLong((unsigned long long)((s[1] + s[2] - s[0]) / (p - 1)));
done:
    for (int i = 0; i < npw; i++) mpz_clear(pw[i]);
    mpz_clear(x[0]);
    mpz_clear(x[1]);
    mpz_clear(x[2]);
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
