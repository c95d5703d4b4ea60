/* GMP limbs <-> Python int.  The only code in pascalrow that knows how
 * CPython lays out an int; every version check for that lives in _convert.c. */
#ifndef PASCALROW_CONVERT_H
#define PASCALROW_CONVERT_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <gmp.h>
#include <stdint.h>

/* A new positive int equal to the n ≥ 1 little-endian 64-bit limbs, the top
 * limb non-zero.  New reference, or NULL with an exception set. */
PyObject *pr_long_from_limbs(const uint64_t *limbs, size_t n);

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

/* Start a positive int of up to cap ≥ 1 digits.  GIL held.  0, or -1 with
 * MemoryError. */
int pr_long_builder_start(pr_long_builder *b, size_t cap);

/* The int will have exactly nd ≤ cap digits, the top one non-zero: returns
 * where to write them, or NULL if nd > cap.  No GIL needed. */
uint32_t *pr_long_builder_digits(pr_long_builder *b, size_t nd);

/* The finished int (new reference; the builder is consumed), or NULL with an
 * exception.  GIL held.  Values ≤ 256 come back as CPython's cached ints. */
PyObject *pr_long_builder_finish(pr_long_builder *b);

/* Free a builder that will not be finished.  GIL held; NULL handle is a no-op. */
void pr_long_builder_discard(pr_long_builder *b);

/* z = obj, an exact int (PyLong_Check).  0 on success, -1 with an exception. */
int pr_mpz_set_long(mpz_t z, PyObject *obj);

/* Sign of an exact int: -1, 0 or 1. */
int pr_long_sign(PyObject *obj);

/* Bit length of a non-negative exact int. */
size_t pr_long_bits(PyObject *obj);

#endif
