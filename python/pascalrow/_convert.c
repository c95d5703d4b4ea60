/* GMP limbs <-> Python int, never through decimal or hex strings.
 *
 * CPython stores an int as base-2^PyLong_SHIFT digits (30 bits in a uint32_t
 * on every 64-bit build).  Going out, the 64-bit limbs are repacked straight
 * into a freshly allocated int's digits:
 *   3.11 – 3.13: _PyLong_New(ndigits) and its digit array;
 *   3.14+:       the public PEP 757 writer (PyLongWriter_Create / _Finish).
 * Coming in (n ≥ 2^64 in comb, sums ≥ 2^64 in multinomial, _decimal), the
 * digits are read the same way and given to mpz_import with PyLong_SHIFT-bit
 * words.
 */
#include "_convert.h"
#include "_module.h"   /* pr_decimal's declaration */

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

/* ------------------------------------------------------------ decimal */

const char pr_decimal_doc[] = PyDoc_STR(
"_decimal($module, x, /)\n--\n\n"
"str(x) for an int of any size, by GMP (subquadratic, and free of\n"
"sys.get_int_max_str_digits()); used by the command line.");

PyObject *pr_decimal(PyObject *module, PyObject *arg)
{
    (void)module;
    if (!PyLong_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "_decimal() needs an int, not %.100s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    mpz_t z;
    mpz_init(z);
    PyObject *s = NULL;
    if (pr_mpz_set_long(z, arg) == 0) {
        size_t size = mpz_sizeinbase(z, 10) + 2;          /* sign and NUL */
        char *buf = PyMem_Malloc(size);
        if (buf == NULL) PyErr_NoMemory();
        else {
            mpz_get_str(buf, 10, z);
            s = PyUnicode_FromString(buf);
            PyMem_Free(buf);
        }
    }
    mpz_clear(z);
    return s;
}
