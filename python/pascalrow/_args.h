/* Argument parsing for the public functions, in one place: each entry point
 * sorts its arguments (pr_unpack_args) and converts each once. */
#ifndef PASCALROW_ARGS_H
#define PASCALROW_ARGS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* Sort vectorcall arguments into slots: slot i takes the i-th positional
 * argument (i < npos) or the keyword names[i] (names[i] NULL: positional
 * only).  The first nreq slots are required.  Unset slots stay NULL; the
 * references are borrowed.  0, or -1 with TypeError, as CPython words it. */
int pr_unpack_args(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                   const char *const *names, int nslots, int npos, int nreq, PyObject **slots);

/* 0, or -1 with ValueError "<name> must be a non-negative integer" when the
 * exact int v is negative. */
int pr_require_nonneg(PyObject *v, const char *name);

/* obj as a non-negative integer, accepted as math.comb accepts it (anything
 * with __index__): a new reference to the exact int, or NULL with TypeError
 * (not an integer), ValueError (negative) or whatever __index__ raised. */
PyObject *pr_nonneg_index(PyObject *obj, const char *name);

/* The exact int v ≥ 0 as uint64_t, saturated at UINT64_MAX (slice bounds
 * clip, so any bound ≥ 2^64 acts like 2^64 − 1; an n that large is refused
 * by the caller).  Cannot fail. */
uint64_t pr_u64_saturated(PyObject *v);

/* pr_nonneg_index then pr_u64_saturated; dflt when obj is NULL or None
 * (with dflt_ok).  0, or -1 with the exception. */
int pr_u64_arg(PyObject *obj, const char *name, int dflt_ok, uint64_t dflt, uint64_t *out);

/* mod=: None or absent (exact: *m = 0), or an integer 1 ≤ m ≤ 2^63 − 1
 * (ValueError below 1, OverflowError above). */
int pr_mod_arg(PyObject *obj, uint64_t *m);

/* dtype=: None or absent (*bits = 0), "uint32" (32) or "uint64" (64). */
int pr_dtype_arg(PyObject *obj, unsigned *bits);

#endif
