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

/* z = obj, an exact int (PyLong_Check).  0 on success, -1 with an exception. */
int pr_mpz_set_long(mpz_t z, PyObject *obj);

/* Sign of an exact int: -1, 0 or 1. */
int pr_long_sign(PyObject *obj);

/* Bit length of a non-negative exact int. */
size_t pr_long_bits(PyObject *obj);

#endif
