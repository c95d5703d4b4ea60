/* GMP limbs <-> Python int, never through decimal or hex strings.
 *
 * CPython stores an int as base-2^PyLong_SHIFT digits (30 bits in a uint32_t
 * on every 64-bit build).  Going out, the 64-bit limbs are repacked straight
 * into a freshly allocated int's digits:
 *   3.11 – 3.13: _PyLong_New(ndigits) and its digit array;
 *   3.14+:       the public PEP 757 writer (PyLongWriter_Create / _Finish).
 * Coming in (only for n ≥ 2^64 in comb), the digits are read the same way and
 * given to mpz_import with PyLong_SHIFT-bit words.
 */
#include "_convert.h"

#include <string.h>

#if PY_VERSION_HEX < 0x030B0000
#  error "pascalrow needs CPython 3.11 or newer"
#endif

_Static_assert(PyLong_SHIFT == 30 || PyLong_SHIFT == 15, "unexpected CPython digit size");
#define DIGIT_MASK (((uint64_t)1 << PyLong_SHIFT) - 1)

/* Repack n limbs (64-bit, little-endian) into nd digits of PyLong_SHIFT bits.
 * Each limb's bits go, low first, after the `have` bits left over from the
 * limbs below it (have < PyLong_SHIFT). */
static void limbs_to_digits(digit *d, size_t nd, const uint64_t *limbs, size_t n)
{
    size_t j = 0;
    uint64_t acc = 0;      /* pending bits, fewer than PyLong_SHIFT */
    unsigned have = 0;
    for (size_t i = 0; i < n && j < nd; i++) {
        uint64_t l = limbs[i];
        d[j++] = (digit)((acc | (l << have)) & DIGIT_MASK);
        l >>= PyLong_SHIFT - have;
        unsigned left = 64 - (PyLong_SHIFT - have);
        while (left >= PyLong_SHIFT && j < nd) {
            d[j++] = (digit)(l & DIGIT_MASK);
            l >>= PyLong_SHIFT;
            left -= PyLong_SHIFT;
        }
        acc = l;
        have = left;
    }
    if (j < nd) d[j++] = (digit)acc;
}

static size_t digits_for(const uint64_t *limbs, size_t n)
{
    size_t bits = 64 * n - (size_t)__builtin_clzll(limbs[n - 1]);
    return (bits + PyLong_SHIFT - 1) / PyLong_SHIFT;
}

PyObject *pr_long_from_limbs(const uint64_t *limbs, size_t n)
{
    if (n == 1) return PyLong_FromUnsignedLongLong(limbs[0]);  /* also the small-int cache */
    size_t nd = digits_for(limbs, n);
    if (nd > (size_t)PY_SSIZE_T_MAX / sizeof(digit)) return PyErr_NoMemory();
#if PY_VERSION_HEX >= 0x030E0000
    void *digits;
    PyLongWriter *w = PyLongWriter_Create(0, (Py_ssize_t)nd, &digits);
    if (w == NULL) return NULL;
    limbs_to_digits((digit *)digits, nd, limbs, n);
    return PyLongWriter_Finish(w);
#else
    PyLongObject *v = _PyLong_New((Py_ssize_t)nd);   /* positive, nd digits */
    if (v == NULL) return NULL;
#  if PY_VERSION_HEX >= 0x030C0000
    limbs_to_digits(v->long_value.ob_digit, nd, limbs, n);
#  else
    limbs_to_digits(v->ob_digit, nd, limbs, n);
#  endif
    return (PyObject *)v;
#endif
}

/* ------------------------------------------------------------ builder */

_Static_assert(PyLong_SHIFT != 30 || sizeof(digit) == sizeof(uint32_t),
               "30-bit CPython digits are uint32_t");

int pr_long_builder_start(pr_long_builder *b, size_t cap)
{
    b->handle = NULL;
    if (PyLong_SHIFT != 30 || cap == 0 || cap > (size_t)PY_SSIZE_T_MAX / sizeof(digit)) {
        PyErr_NoMemory();
        return -1;
    }
#if PY_VERSION_HEX >= 0x030E0000
    void *digits;
    PyLongWriter *w = PyLongWriter_Create(0, (Py_ssize_t)cap, &digits);
    if (w == NULL) return -1;
    b->handle = w;
    b->digits = digits;
#else
    PyLongObject *v = _PyLong_New((Py_ssize_t)cap);   /* positive, cap digits */
    if (v == NULL) return -1;
    b->handle = v;
#  if PY_VERSION_HEX >= 0x030C0000
    b->digits = (uint32_t *)v->long_value.ob_digit;
#  else
    b->digits = (uint32_t *)v->ob_digit;
#  endif
#endif
    b->cap = cap;
    return 0;
}

uint32_t *pr_long_builder_digits(pr_long_builder *b, size_t nd)
{
    if (nd == 0 || nd > b->cap) return NULL;
#if PY_VERSION_HEX >= 0x030E0000
    /* the writer normalizes at Finish: the digits above nd must be zero */
    memset(b->digits + nd, 0, (b->cap - nd) * sizeof(digit));
#elif PY_VERSION_HEX >= 0x030C0000
    /* lv_tag: digit count << 3, sign bits 0 = positive (CPython's
     * _PyLong_SetSignAndDigitCount); shrinking an int nobody else has seen */
    ((PyLongObject *)b->handle)->long_value.lv_tag = (uintptr_t)nd << 3;
#else
    Py_SET_SIZE((PyLongObject *)b->handle, (Py_ssize_t)nd);
#endif
    b->cap = nd;
    return b->digits;
}

PyObject *pr_long_builder_finish(pr_long_builder *b)
{
#if PY_VERSION_HEX >= 0x030E0000
    PyObject *v = PyLongWriter_Finish((PyLongWriter *)b->handle);   /* small ints cached there */
#else
    PyObject *v = (PyObject *)b->handle;
    if (b->cap == 1 && b->digits[0] <= 256)          /* CPython's small-int cache */
        Py_SETREF(v, PyLong_FromLong((long)b->digits[0]));
#endif
    b->handle = NULL;
    return v;
}

void pr_long_builder_discard(pr_long_builder *b)
{
    if (b->handle == NULL) return;
#if PY_VERSION_HEX >= 0x030E0000
    PyLongWriter_Discard((PyLongWriter *)b->handle);
#else
    Py_DECREF((PyObject *)b->handle);
#endif
    b->handle = NULL;
}

/* ---------------------------------------------------------------- mpz */

PyObject *pr_long_from_mpz(const mpz_t z)
{
    size_t n = mpz_size(z);
    if (n == 0) return PyLong_FromLong(0);
    PyObject *v = pr_long_from_limbs(mpz_limbs_read(z), n);
    if (v != NULL && mpz_sgn(z) < 0) Py_SETREF(v, PyNumber_Negative(v));
    return v;
}

int pr_mpz_set_long(mpz_t z, PyObject *obj)
{
    int overflow;
    long long small = PyLong_AsLongLongAndOverflow(obj, &overflow);
    if (!overflow) {
        if (small == -1 && PyErr_Occurred()) return -1;
        mpz_set_si(z, (long)small);
        return 0;
    }
#if PY_VERSION_HEX >= 0x030E0000
    PyLongExport e;
    if (PyLong_Export(obj, &e) < 0) return -1;
    if (e.digits == NULL) {
        mpz_set_si(z, (long)e.value);
    } else {
        const PyLongLayout *lay = PyLong_GetNativeLayout();
        mpz_import(z, (size_t)e.ndigits, lay->digits_order, lay->digit_size,
                   lay->digit_endianness, lay->digit_size * 8 - lay->bits_per_digit, e.digits);
        if (e.negative) mpz_neg(z, z);
    }
    PyLong_FreeExport(&e);
#else
    PyLongObject *v = (PyLongObject *)obj;
#  if PY_VERSION_HEX >= 0x030C0000
    size_t nd = (size_t)(v->long_value.lv_tag >> 3);   /* _PyLong_NON_SIZE_BITS */
    int negative = (v->long_value.lv_tag & 3) == 2;
    const digit *d = v->long_value.ob_digit;
#  else
    Py_ssize_t size = Py_SIZE(v);
    size_t nd = (size_t)(size < 0 ? -size : size);
    int negative = size < 0;
    const digit *d = v->ob_digit;
#  endif
    /* little-endian order of words, each PyLong_SHIFT bits in a `digit` */
    mpz_import(z, nd, -1, sizeof(digit), 0, sizeof(digit) * 8 - PyLong_SHIFT, d);
    if (negative) mpz_neg(z, z);
#endif
    return 0;
}

int pr_long_sign(PyObject *obj)
{
#if PY_VERSION_HEX >= 0x030E0000
    int sign;
    (void)PyLong_GetSign(obj, &sign);   /* cannot fail on an exact int */
    return sign;
#else
    return _PyLong_Sign(obj);
#endif
}

size_t pr_long_bits(PyObject *obj)
{
#if PY_VERSION_HEX >= 0x030E0000
    /* bytes needed, as an unsigned magnitude; an over-estimate by < 8 bits */
    Py_ssize_t bytes = PyLong_AsNativeBytes(obj, NULL, 0, Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
    return bytes < 0 ? 0 : (size_t)bytes * 8;
#else
    return _PyLong_NumBits(obj);
#endif
}
