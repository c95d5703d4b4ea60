/* What the files of pascalrow._pascalrow share: the module's state, the
 * mapping from library status to exception, the one helper that puts a
 * value at k and at n − k of a list, and each public function's entry point
 * (one file per function family, registered in _module.c). */
#ifndef PASCALROW_MODULE_H
#define PASCALROW_MODULE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#include "pascalrow.h"

/* Rows up to this n fit uint64_t: a table of them, built once at import,
 * serves every small row and coefficient. */
#define PR_SMALL_MAX PASCALROW_U64_MAX_N

typedef struct {
    PyObject *small_rows[PR_SMALL_MAX + 1];   /* row n as a tuple of ints, n ≤ 67 */
    PyObject *triangle_type;                  /* pascal_triangle's iterator (_triangle.c) */
    PyObject *array_type;                     /* array.array, which WordArray equals (_word_array.c) */
    PyObject *word_array_type;                /* pascalrow.WordArray, what dtype= returns (_row.c) */
    unsigned threads;                         /* set_num_threads; 0 = automatic */
} pr_module_state;

static inline pr_module_state *pr_state(PyObject *module)
{
    return (pr_module_state *)PyModule_GetState(module);
}

/* The thread count to use (_module.c, beside set_num_threads): `setting`
 * if it is ≥ 1 (set_num_threads), else PASCALROW_THREADS from the
 * environment, else the CPUs this process may run on.  An unusable
 * PASCALROW_THREADS gives a RuntimeWarning and is ignored.  0, or -1 with
 * an exception (the warning turned into an error). */
int pr_threads_resolve(unsigned setting, unsigned *out);

/* Set the Python exception a library status means (MemoryError,
 * OverflowError, ValueError, else SystemError); returns NULL. */
PyObject *pr_raise_status(int status);

/* C(n,k) = C(n,n−k): put v, a value of row n, at k and at n − k of `list`,
 * which holds the slice [a, b) of the row (position k − a), each where it
 * falls inside the slice; steals the reference to v (dropped if neither
 * falls inside).  List slots are filled once, before the list is seen. */
static inline void pr_list_place(PyObject *list, uint64_t n, uint64_t a, uint64_t b,
                                 uint64_t k, PyObject *v)
{
    uint64_t j = n - k;
    if (j != k && j >= a && j < b) PyList_SET_ITEM(list, (Py_ssize_t)(j - a), Py_NewRef(v));
    if (k >= a && k < b) PyList_SET_ITEM(list, (Py_ssize_t)(k - a), v);
    else Py_DECREF(v);
}

/* ------------------------------------------- the public functions' entries */

/* _row.c */
extern const char pr_pascal_row_doc[];
PyObject *pr_pascal_row(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);
/* (for the command line) */
extern const char pr_slice_end_doc[];
PyObject *pr_slice_end(PyObject *module, PyObject *const *args, Py_ssize_t nargs);

/* _row_sum.c */
extern const char pr_row_sum_doc[];
PyObject *pr_row_sum(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);

/* _comb.c */
extern const char pr_comb_doc[];
PyObject *pr_comb(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);
/* comb's and binomial's arguments (n, k, /, *, mod=None): n and k as exact
 * ints (new references; both converted before either sign is checked, as
 * math.comb does: the same exception for the same bad arguments) and *m,
 * the modulus or 0 for exact.  0, or -1 with an exception (nothing held). */
int pr_comb_args(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                 PyObject **nobj, PyObject **kobj, uint64_t *m);
/* C(n, k) for exact ints n, k ≥ 0 of any size (0 for k > n): exactly when
 * m = 0, else mod 1 ≤ m < 2^63, by comb's paths: its memory refusals, its
 * Ctrl-C-interruptible long computations, its OverflowError when
 * min(k, n − k) ≥ 2^64 (exact).  New reference, or NULL. */
PyObject *pr_comb_value(PyObject *module, PyObject *nobj, PyObject *kobj, uint64_t m);

/* _binomial.c */
extern const char pr_binomial_doc[];
PyObject *pr_binomial(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames);

/* _valuation.c */
extern const char pr_valuation_doc[];
PyObject *pr_valuation(PyObject *module, PyObject *const *args, Py_ssize_t nargs);

/* _triangle.c */
extern const char pr_pascal_triangle_doc[];
extern PyType_Spec pr_triangle_iter_spec;
PyObject *pr_pascal_triangle(PyObject *module, PyObject *arg);

/* _multinomial.c */
extern const char pr_multinomial_doc[];
PyObject *pr_multinomial(PyObject *module, PyObject *const *args, Py_ssize_t nargs);

/* _mod_stream.c (for the command line) */
extern const char pr_mod_stream_doc[], pr_mod_stream_read_doc[];
PyObject *pr_mod_stream(PyObject *module, PyObject *const *args, Py_ssize_t nargs);
PyObject *pr_mod_stream_read(PyObject *module, PyObject *const *args, Py_ssize_t nargs);

/* _word_array.c: pascalrow.WordArray, the type of pr_word_array_spec */
extern PyType_Spec pr_word_array_spec;
/* A new WordArray (type: the module's) of len items of `bits` bits (32 or
 * 64) whose memory is NOT written: the caller writes every item (through
 * its buffer) before anyone else sees the object, or drops it.  NULL with
 * MemoryError when the memory cannot be had. */
PyObject *pr_word_array_new(PyTypeObject *type, unsigned bits, Py_ssize_t len);

/* _convert.c */
extern const char pr_decimal_doc[];
PyObject *pr_decimal(PyObject *module, PyObject *arg);

#endif
