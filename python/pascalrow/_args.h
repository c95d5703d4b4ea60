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
int pr_unpack_args_slow(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                        const char *const *names, int nslots, int npos, int nreq, PyObject **slots);

/* Inline for the usual call, positional arguments only: a few nanoseconds
 * matter in pascal_row(10) and comb(100, 50). */
static inline int pr_unpack_args(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                                 PyObject *kwnames, const char *const *names, int nslots, int npos,
                                 int nreq, PyObject **slots)
{
    if (kwnames != NULL || nargs < nreq || nargs > npos)
        return pr_unpack_args_slow(fname, args, nargs, kwnames, names, nslots, npos, nreq, slots);
    for (int i = 0; i < nslots; i++) slots[i] = i < nargs ? args[i] : NULL;
    return 0;
}

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

/* The exact int v ≥ 0 in *out: 1 if it fits 64 bits, 0 (no exception set)
 * if it does not. */
static inline int pr_u64_fits(PyObject *v, uint64_t *out)
{
    unsigned long long x = PyLong_AsUnsignedLongLong(v);
    if (x == (unsigned long long)-1 && PyErr_Occurred()) {   /* OverflowError: ≥ 2^64 */
        PyErr_Clear();
        return 0;
    }
    *out = x;
    return 1;
}

/* pr_nonneg_index then pr_u64_saturated.  0, or -1 with the exception. */
int pr_u64_index(PyObject *obj, const char *name, uint64_t *out);

/* The same, or dflt when obj is NULL or None (with dflt_ok).  An int from 0
 * to 2^64 − 1 is converted at once; anything else (negative, larger, not an
 * int) takes pr_u64_index, which says what is wrong. */
static inline int pr_u64_arg(PyObject *obj, const char *name, int dflt_ok, uint64_t dflt, uint64_t *out)
{
    if (dflt_ok && (obj == NULL || obj == Py_None)) { *out = dflt; return 0; }
    if (PyLong_CheckExact(obj)) {
        unsigned long long x = PyLong_AsUnsignedLongLong(obj);
        if (x != (unsigned long long)-1 || !PyErr_Occurred()) { *out = x; return 0; }
        PyErr_Clear();
    }
    return pr_u64_index(obj, name, out);
}

/* mod=: an integer 1 ≤ m ≤ 2^63 − 1 (ValueError below 1, OverflowError
 * above), or, when None or absent, *m = 0 (exact). */
int pr_mod_index(PyObject *obj, uint64_t *m);
static inline int pr_mod_arg(PyObject *obj, uint64_t *m)
{
    if (obj == NULL || obj == Py_None) { *m = 0; return 0; }
    return pr_mod_index(obj, m);
}

/* dtype=: "uint32" (32) or "uint64" (64), numpy.uint32 or numpy.uint64 (the
 * scalar types), or numpy.dtype("uint32") or numpy.dtype("uint64") in native
 * byte order; or, when None or absent, *bits = 0 (a list).  A str is matched
 * at once; anything else is asked of numpy only when numpy is imported
 * already.  0, or -1 with ValueError (another str or numpy dtype) or
 * TypeError (neither a str nor numpy's). */
int pr_dtype_arg(PyObject *obj, unsigned *bits);

#endif
