/* Argument parsing for the public functions (see _args.h). */
#include "_args.h"
#include "_convert.h"

#include "pascalrow.h"

int pr_unpack_args_slow(const char *fname, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                        const char *const *names, int nslots, int npos, int nreq, PyObject **slots)
{
    for (int i = 0; i < nslots; i++) slots[i] = NULL;
    if (nargs > npos) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d positional arguments (%zd given)",
                     fname, npos, nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) slots[i] = args[i];
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_GET_SIZE(kwnames);
    for (Py_ssize_t j = 0; j < nkw; j++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, j);
        int i = 0;
        while (i < nslots && (names[i] == NULL || PyUnicode_CompareWithASCIIString(key, names[i]) != 0)) i++;
        if (i == nslots) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%U'", fname, key);
            return -1;
        }
        if (slots[i] != NULL) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", fname, names[i]);
            return -1;
        }
        slots[i] = args[nargs + j];
    }
    for (int i = 0; i < nreq; i++)
        if (slots[i] == NULL) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument %d", fname, i + 1);
            return -1;
        }
    return 0;
}

int pr_require_nonneg(PyObject *v, const char *name)
{
    if (pr_long_sign(v) >= 0) return 0;
    PyErr_Format(PyExc_ValueError, "%s must be a non-negative integer", name);
    return -1;
}

PyObject *pr_nonneg_index(PyObject *obj, const char *name)
{
    PyObject *v = PyNumber_Index(obj);
    if (v != NULL && pr_require_nonneg(v, name) < 0) Py_CLEAR(v);
    return v;
}

uint64_t pr_u64_saturated(PyObject *v)
{
    unsigned long long x = PyLong_AsUnsignedLongLong(v);
    if (x == (unsigned long long)-1 && PyErr_Occurred()) {   /* ≥ 2^64: OverflowError */
        PyErr_Clear();
        return UINT64_MAX;
    }
    return x;
}

int pr_u64_index(PyObject *obj, const char *name, uint64_t *out)
{
    PyObject *v = pr_nonneg_index(obj, name);
    if (v == NULL) return -1;
    *out = pr_u64_saturated(v);
    Py_DECREF(v);
    return 0;
}

int pr_mod_index(PyObject *obj, uint64_t *m)
{
    *m = 0;
    PyObject *v = PyNumber_Index(obj);
    if (v == NULL) return -1;
    int sign = pr_long_sign(v);
    uint64_t x = sign > 0 ? pr_u64_saturated(v) : 0;
    Py_DECREF(v);
    if (sign <= 0) {
        PyErr_SetString(PyExc_ValueError, "mod must be a positive integer");
        return -1;
    }
    if (x > PASCALROW_MOD_MAX) {
        PyErr_SetString(PyExc_OverflowError, "mod must be less than 2**63");
        return -1;
    }
    *m = x;
    return 0;
}

int pr_dtype_name(PyObject *obj, unsigned *bits)
{
    *bits = 0;
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "dtype must be None, 'uint32' or 'uint64', not %.100s",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    if (PyUnicode_CompareWithASCIIString(obj, "uint32") == 0) *bits = 32;
    else if (PyUnicode_CompareWithASCIIString(obj, "uint64") == 0) *bits = 64;
    else {
        PyErr_Format(PyExc_ValueError, "dtype must be 'uint32' or 'uint64', not %R", obj);
        return -1;
    }
    return 0;
}
