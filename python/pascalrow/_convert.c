/* GMP limbs <-> Python int, never through decimal or hex strings.
 *
 * CPython stores an int as base-2^PyLong_SHIFT digits (30 bits in a uint32_t
 * on every 64-bit build).  Going out, the 64-bit limbs are repacked by the
 * library (pascalrow_limbs_to_digits, the repacker the rows use) straight
 * into a freshly allocated int's digits (pr_long_builder, _convert.h):
 *   3.11 – 3.13: _PyLong_New(ndigits) and its digit array;
 *   3.14+:       the public PEP 757 writer (PyLongWriter_Create / _Finish).
 * Coming in (n ≥ 2^64 in comb, sums ≥ 2^64 in multinomial, _decimal), the
 * digits are read the same way and given to mpz_import with PyLong_SHIFT-bit
 * words.
 */
#include "_convert.h"
#include "_module.h"   /* pr_decimal's declaration */

#include "pascalrow.h"

#include <string.h>

#if PY_VERSION_HEX < 0x030B0000
#  error "pascalrow needs CPython 3.11 or newer"
#endif

_Static_assert(PyLong_SHIFT == 30, "pascalrow writes CPython's 30-bit digits");

/* ---------------------------------------------------------------- mpz */

/* The value's limbs repacked into the int's digits by the library
 * (pascalrow_limbs_to_digits: the same repacker as the rows'), written in
 * place through the builder. */
PyObject *pr_long_from_mpz(const mpz_t z)
{
    size_t n = mpz_size(z);
    if (n == 0) return PyLong_FromLong(0);
    const uint64_t *limbs = (const uint64_t *)mpz_limbs_read(z);   /* 64-bit limbs */
    PyObject *v;
    if (n == 1) {
        v = PyLong_FromUnsignedLongLong(limbs[0]);       /* also the small-int cache */
    } else {
        size_t nd = pascalrow_digit_count(limbs, n, PyLong_SHIFT);
        pr_long_builder b;
        if (pr_long_builder_start(&b, nd) < 0) return NULL;
        pascalrow_limbs_to_digits(limbs, n, PyLong_SHIFT, pr_long_builder_digits(&b, nd));   /* cannot fail */
        v = pr_long_builder_finish(&b);
    }
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
