/* GMP limbs <-> Python int.  The only code in pascalrow that knows how
 * CPython lays out an int; every version check for that lives in _convert.c. */
#ifndef PASCALROW_CONVERT_H
#define PASCALROW_CONVERT_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <gmp.h>
#include <stdint.h>
#include <string.h>

/* A new int equal to z (any sign).  New reference, or NULL with an exception. */
PyObject *pr_long_from_mpz(const mpz_t z);

/* An int under construction: allocated with room for `cap` digits while the
 * GIL is held, its digits then written by any thread (no Python call is
 * involved), and finished — or discarded — with the GIL held again.  On
 * CPython 3.14+ this is the PEP 757 PyLongWriter; below, the int itself. */
typedef struct {
    void *handle;          /* PyLongWriter * (3.14+) or PyLongObject * */
    uint32_t *digits;      /* CPython's digits: PyLong_SHIFT = 30 bits each */
    size_t cap;
} pr_long_builder;

/* The builder's four steps (inline: they run once per value of a row):
 *   pr_long_builder_start(b, cap)  start a positive int of up to cap ≥ 1
 *       digits; GIL held; 0, or -1 with MemoryError;
 *   pr_long_builder_digits(b, nd)  the int will have exactly nd ≤ cap digits,
 *       the top one non-zero: where to write them (NULL if nd > cap); no GIL
 *       needed;
 *   pr_long_builder_finish(b)      the int (new reference; b is consumed),
 *       NULL with an exception; GIL held; values ≤ 256 come back as
 *       CPython's cached small ints;
 *   pr_long_builder_discard(b)     free an unfinished one; GIL held; a NULL
 *       handle is a no-op. */
_Static_assert(PyLong_SHIFT != 30 || sizeof(digit) == sizeof(uint32_t),
               "30-bit CPython digits are uint32_t");

static inline int pr_long_builder_start(pr_long_builder *b, size_t cap)
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

/* Bytes an int of cap digits asks the allocator for. */
static inline size_t pr_long_builder_bytes(size_t cap)
{
#if PY_VERSION_HEX >= 0x030C0000
    return offsetof(PyLongObject, long_value.ob_digit) + cap * sizeof(digit);
#else
    return offsetof(PyLongObject, ob_digit) + cap * sizeof(digit);
#endif
}

static inline uint32_t *pr_long_builder_digits(pr_long_builder *b, size_t nd)
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

static inline PyObject *pr_long_builder_finish(pr_long_builder *b)
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

static inline void pr_long_builder_discard(pr_long_builder *b)
{
    if (b->handle == NULL) return;
#if PY_VERSION_HEX >= 0x030E0000
    PyLongWriter_Discard((PyLongWriter *)b->handle);
#else
    Py_DECREF((PyObject *)b->handle);
#endif
    b->handle = NULL;
}

/* z = obj, an exact int (PyLong_Check).  0 on success, -1 with an exception. */
int pr_mpz_set_long(mpz_t z, PyObject *obj);

/* Sign of an exact int: -1, 0 or 1. */
int pr_long_sign(PyObject *obj);

/* An upper bound on the bit length of a non-negative exact int, for memory
 * estimates: exact on CPython 3.11 – 3.13, rounded up to whole bytes on
 * 3.14+ (PyLong_AsNativeBytes counts bytes). */
size_t pr_long_bits(PyObject *obj);

#endif
