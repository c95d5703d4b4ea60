/* The NumPy ufuncs behind comb_array and valuation_array (_arrays.py):
 * their inner loops, one file per public function, registered by _ufuncs.c.
 *
 * Each loop walks its arguments by NumPy's strides.  The loops whose output
 * is uint64 raise nothing (NumPy runs them with the GIL released): each
 * element also gets a flag in a second, boolean output, false where no value
 * could be given, and the Python side names the first such pair; their last
 * input is the number of threads to split a long call over (_parallel.h).
 * The loop with object output holds the GIL and raises as any Python code. */
#ifndef PASCALROW_UFUNCS_H
#define PASCALROW_UFUNCS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define NPY_NO_DEPRECATED_API NPY_2_0_API_VERSION
#define NPY_TARGET_VERSION NPY_2_0_API_VERSION
#define PY_ARRAY_UNIQUE_SYMBOL pascalrow_ARRAY_API
#define PY_UFUNC_UNIQUE_SYMBOL pascalrow_UFUNC_API
#ifndef PR_UFUNCS_MODULE
#define NO_IMPORT_ARRAY
#define NO_IMPORT_UFUNC
#endif
#include <numpy/ndarraytypes.h>
#include <numpy/ufuncobject.h>

/* (n, k, threads) → (C(n, k), fits): C(n, k) where it fits uint64, else 0 and false. */
void pr_comb_u64_loop(char **args, npy_intp const *dims, npy_intp const *steps, void *data);
/* (n, k) → C(n, k) as a Python int; *data is the module's comb function,
 * called for the values past 2^64. */
void pr_comb_object_loop(char **args, npy_intp const *dims, npy_intp const *steps, void *data);
/* (n, k, m, threads) → (C(n, k) mod m, ok): ok false where m is out of range or the
 * residue is out of reach (pascalrow_comb_mod_cost over the limit comb has). */
void pr_comb_mod_loop(char **args, npy_intp const *dims, npy_intp const *steps, void *data);
/* (n, k, p, threads) → (v_p C(n, k), ok): ok false where k > n or p is not prime. */
void pr_valuation_loop(char **args, npy_intp const *dims, npy_intp const *steps, void *data);

/* The data of the int64 loops (the uint64 loops have NULL): their inputs
 * may be negative, and such an element is flagged instead of computed. */
extern const int pr_signed_inputs;

/* In an inner loop (args and steps as NumPy passes them): argument i of
 * element j, as an lvalue of type t. */
#define PR_ARG(i, t, j) (*(t *)(args[i] + (j) * steps[i]))

#endif
