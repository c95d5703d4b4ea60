/* Exact values as Python ints, their digits written by the library's walk
 * (_exact_ints.c): rows, slices of rows and single coefficients. */
#ifndef PASCALROW_EXACT_INTS_H
#define PASCALROW_EXACT_INTS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* C(n, k) for k in [a, b) of row n ≥ 68 (a < b ≤ n + 1) as a new list of
 * b − a ints; the whole row is [0, n + 1).  A long slice is built with the
 * GIL released (_interruptible.h: pr_row_steps), on the threads
 * pr_threads_resolve(threads_setting) gives.  NULL with an exception set,
 * or NULL with none and *status a library status for the caller to raise. */
PyObject *pr_slice_list(uint64_t n, uint64_t a, uint64_t b, unsigned threads_setting, int *status);

/* C(n, k) as a new int (0 for k > n), NULL as pr_slice_list; a big value
 * on up to `threads` threads (pascalrow_comb_mpz_threads). */
PyObject *pr_comb_long(uint64_t n, uint64_t k, unsigned threads, int *status);

/* C(n, k) for an exact int n ≥ 0 (used for n ≥ 2^64) and k ≤ n, by
 * pascalrow_comb_mpz_big, as a new int; NULL with an exception.  The caller
 * has checked that the memory it needs is there.  Both comb functions answer Ctrl-C
 * within a fraction of a second, however long GMP takes (_interruptible.h). */
PyObject *pr_comb_big_n_long(PyObject *nobj, uint64_t k);

#endif
