/* Two things the benchmark measures that are not pascalrow, in C so they cost
 * what they would cost in any extension.  Built by `make bench` (bench/peers/
 * meson.build), never shipped in the package.
 *
 * seed_pascal_row(n) — the "FFI bindings" talk's extension: one uint32_t array
 *     updated in place, row by row, with the additive rule
 *     C(i+1, j) = C(i, j) + C(i, j−1), then each value boxed into an int.
 *     O(n²) additions; wraps modulo 2^32 past row 34, exactly as the talk's
 *     code does (the benchmark marks it ✗ there).
 *
 * floor_row(ndigits, n) — the floor: the least any implementation must do to
 *     hand back row n as Python ints.  It creates n//2 + 1 fresh ints with the
 *     row's digit counts (ndigits[k] for k ≤ n/2, an array('I')), writes every
 *     digit (memset, no arithmetic), and puts them in a list of n + 1, the
 *     object for k shared with n − k.  The values are not binomials; the sizes
 *     and the allocation pattern are the row's.
 *
 * old_row_mod(n, m, out) — pascalrow's rows mod m as the library computed
 *     them at 107cd49, kept here so that one benchmark run shows them beside
 *     the library's: C(n,k) = U·Π p_i^{e_i} (p_i the primes of m ≤ n),
 *     C(n,k+1) = C(n,k)·(n−k)/(k+1) with the p_i stripped into the e_i, one
 *     extended Euclid per block of 256 values (batch inversion), every
 *     product a 128-bit product reduced by `%` (a 128/64 division), one
 *     chain per block.  The whole row only, from C(n,0) = 1 (what the
 *     benchmark asks), into out (an array('Q') of n + 1), mirrored.  The
 *     primes of m ≤ n come from trial division, cached for the last m.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static PyObject *seed_pascal_row(PyObject *self, PyObject *arg)
{
    (void)self;
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n < 0) { PyErr_SetString(PyExc_ValueError, "n must be >= 0"); return NULL; }
    uint32_t *row = calloc((size_t)n + 1, sizeof *row);
    if (row == NULL) return PyErr_NoMemory();
    row[0] = 1;
    /* row i → row i + 1, from the high end so row[j − 1] is still row i's */
    for (Py_ssize_t i = 0; i < n; i++)
        for (Py_ssize_t j = i + 1; j > 0; j--)
            row[j] += row[j - 1];
    PyObject *list = PyList_New(n + 1);
    if (list != NULL) {
        for (Py_ssize_t k = 0; k <= n; k++) {
            PyObject *v = PyLong_FromUnsignedLong(row[k]);
            if (v == NULL) { Py_CLEAR(list); break; }
            PyList_SET_ITEM(list, k, v);
        }
    }
    free(row);
    return list;
}

/* A fresh positive int of nd ≥ 1 digits, every digit written. */
static PyObject *fresh_int(Py_ssize_t nd)
{
#if PY_VERSION_HEX >= 0x030E0000
    void *digits;
    PyLongWriter *w = PyLongWriter_Create(0, nd, &digits);
    if (w == NULL) return NULL;
    memset(digits, 1, (size_t)nd * sizeof(digit));   /* digit 0x01010101 < 2^30 */
    return PyLongWriter_Finish(w);
#else
    PyLongObject *v = _PyLong_New(nd);
    if (v == NULL) return NULL;
#  if PY_VERSION_HEX >= 0x030C0000
    memset(v->long_value.ob_digit, 1, (size_t)nd * sizeof(digit));
#  else
    memset(v->ob_digit, 1, (size_t)nd * sizeof(digit));
#  endif
    return (PyObject *)v;
#endif
}

static PyObject *floor_row(PyObject *self, PyObject *args)
{
    (void)self;
    Py_buffer sizes;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "y*n", &sizes, &n)) return NULL;
    PyObject *list = NULL;
    if (sizes.itemsize != sizeof(uint32_t) || sizes.len / sizes.itemsize < n / 2 + 1 || n < 0) {
        PyErr_SetString(PyExc_ValueError, "need an array('I') of n//2 + 1 digit counts");
        goto done;
    }
    const uint32_t *nd = sizes.buf;
    list = PyList_New(n + 1);
    if (list == NULL) goto done;
    for (Py_ssize_t k = 0; k <= n / 2; k++) {
        PyObject *v = fresh_int((Py_ssize_t)nd[k]);
        if (v == NULL) { Py_CLEAR(list); goto done; }
        PyList_SET_ITEM(list, k, v);
        if (n - k != k) PyList_SET_ITEM(list, n - k, Py_NewRef(v));
    }
done:
    PyBuffer_Release(&sizes);
    return list;
}

/* ---------------------------------------------- old_row_mod (107cd49) */

#define OLD_BLOCK 256
#define OLD_MAX_PRIMES 15
typedef unsigned __int128 u128;

static uint64_t old_mulmod(uint64_t a, uint64_t b, uint64_t m) { return (uint64_t)((u128)a * b % m); }

static uint64_t old_invmod(uint64_t a, uint64_t m)
{
    int64_t t = 0, nt = 1;
    uint64_t r = m, nr = a % m;
    while (nr != 0) {
        uint64_t q = r / nr, tr = r - q * nr;
        int64_t tt = t - (int64_t)q * nt;
        r = nr; nr = tr;
        t = nt; nt = tt;
    }
    return t < 0 ? (uint64_t)(t + (int64_t)m) : (uint64_t)t;
}

static struct { uint64_t m, n; unsigned ns; uint64_t p[OLD_MAX_PRIMES], pinv[OLD_MAX_PRIMES]; } old_primes;

/* The primes of m that are ≤ n, ascending, by trial division. */
static void old_factor(uint64_t m, uint64_t n)
{
    if (old_primes.m == m && old_primes.n == n) return;
    old_primes.m = m;
    old_primes.n = n;
    old_primes.ns = 0;
    uint64_t r = m;
    for (uint64_t d = 2; d <= n && d * d <= r; d++)
        if (r % d == 0) {
            old_primes.p[old_primes.ns++] = d;
            while (r % d == 0) r /= d;
        }
    if (r > 1 && r <= n) old_primes.p[old_primes.ns++] = r;
    for (unsigned i = 0; i < old_primes.ns; i++) {   /* p^{-1} mod 2^64 by Newton, odd p */
        uint64_t p = old_primes.p[i], x = (3 * p) ^ 2;
        for (int j = 0; j < 4; j++) x *= 2 - p * x;
        old_primes.pinv[i] = x;
    }
}

static PyObject *old_row_mod(PyObject *self, PyObject *args)
{
    (void)self;
    unsigned long long nn, mm;
    Py_buffer view;
    if (!PyArg_ParseTuple(args, "KKw*", &nn, &mm, &view)) return NULL;
    uint64_t n = nn, m = mm;
    if (view.itemsize != 8 || (uint64_t)(view.len / 8) < n + 1 || m < 2 || m >= (1ull << 63)) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "need 2 <= m < 2**63 and an array('Q') of n + 1");
        return NULL;
    }
    uint64_t *out = view.buf;
    Py_BEGIN_ALLOW_THREADS
    old_factor(m, n);
    const unsigned ns = old_primes.ns;
    uint64_t pw[OLD_MAX_PRIMES][64];
    for (unsigned i = 0; i < ns; i++) {
        pw[i][0] = 1;
        for (int e = 1; e < 64; e++) pw[i][e] = old_mulmod(pw[i][e - 1], old_primes.p[i], m);
    }
    unsigned char e[OLD_MAX_PRIMES] = { 0 };
    uint64_t u = 1, N[OLD_BLOCK], Y[OLD_BLOCK], P[OLD_BLOCK];
    for (uint64_t k0 = 0, half = n / 2 + 1; k0 < half; k0 += OLD_BLOCK) {
        unsigned len = half - k0 < OLD_BLOCK ? (unsigned)(half - k0) : OLD_BLOCK;
        uint64_t num = u, den = 1, pp = 1;
        for (unsigned i = 0; i < ns; i++) if (e[i]) pp = old_mulmod(pp, pw[i][e[i]], m);
        for (unsigned t = 0; t < len; t++) {
            uint64_t k = k0 + t, x = n - k, y = k + 1;
            N[t] = num;
            P[t] = pp;
            Y[t] = 1;
            if (k >= n) continue;
            int changed = 0;
            for (unsigned i = 0; i < ns; i++) {   /* strip p_i: C(n,k+1) = C(n,k)·(n−k)/(k+1) */
                const uint64_t p = old_primes.p[i];
                unsigned vx = 0, vy = 0;
                if (p == 2) {
                    vx = (unsigned)__builtin_ctzll(x);
                    vy = (unsigned)__builtin_ctzll(y);
                    x >>= vx;
                    y >>= vy;
                } else {                          /* p | x iff x·p^{-1} ≤ ⌊(2^64 − 1)/p⌋ (mod 2^64) */
                    const uint64_t pinv = old_primes.pinv[i], plim = UINT64_MAX / p;
                    while (x * pinv <= plim) { x *= pinv; vx++; }
                    while (y * pinv <= plim) { y *= pinv; vy++; }
                }
                if (vx | vy) { e[i] = (unsigned char)(e[i] + vx - vy); changed = 1; }
            }
            x = x < m ? x : x % m;
            y = y < m ? y : y % m;
            num = old_mulmod(num, x, m);
            den = old_mulmod(den, y, m);
            Y[t] = y;
            if (changed) {
                pp = 1;
                for (unsigned i = 0; i < ns; i++) if (e[i]) pp = old_mulmod(pp, pw[i][e[i]], m);
            }
        }
        uint64_t inv = old_invmod(den, m), cur = inv;
        for (unsigned t = len; t-- > 0;) {
            cur = old_mulmod(cur, Y[t], m);
            uint64_t v = old_mulmod(N[t], cur, m), k = k0 + t;
            out[k] = out[n - k] = P[t] == 1 ? v : old_mulmod(v, P[t], m);
        }
        u = old_mulmod(num, inv, m);
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"old_row_mod", old_row_mod, METH_VARARGS,
     "old_row_mod(n, m, out): row n mod m into an array('Q') of n + 1, as pascalrow 107cd49 did."},
    {"seed_pascal_row", seed_pascal_row, METH_O,
     "seed_pascal_row(n): row n from a uint32_t array updated in place (wraps past n = 34)."},
    {"floor_row", floor_row, METH_VARARGS,
     "floor_row(ndigits, n): n//2 + 1 fresh ints of the given digit counts in a list of n + 1."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, .m_name = "_benchpeers",
    .m_doc = "Benchmark-only peers of pascalrow (not part of the package).",
    .m_size = 0, .m_methods = methods,
};

PyMODINIT_FUNC PyInit__benchpeers(void) { return PyModuleDef_Init(&moduledef); }
