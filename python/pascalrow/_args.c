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
    uint64_t x;
    return pr_u64_fits(v, &x) ? x : UINT64_MAX;
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

/* The width a dtype name stands for: 32, 64, or 0 for any other name. */
static unsigned width_of_name(PyObject *name)
{
    if (PyUnicode_CompareWithASCIIString(name, "uint32") == 0) return 32;
    if (PyUnicode_CompareWithASCIIString(name, "uint64") == 0) return 64;
    return 0;
}

/* obj as numpy sees it, when obj is one of numpy's: a numpy.dtype, or a
 * scalar type (a subclass of numpy.generic).  numpy is looked up among the
 * modules already imported, never imported here: without it no such object
 * exists.  1 with *dtype (a new reference to numpy.dtype(obj)), 0 when obj
 * is not numpy's or numpy is not imported, -1 with the exception. */
static int as_numpy_dtype(PyObject *obj, PyObject **dtype)
{
    *dtype = NULL;
    PyObject *name = PyUnicode_FromString("numpy");
    if (name == NULL) return -1;
    PyObject *numpy = PyImport_GetModule(name);
    Py_DECREF(name);
    if (numpy == NULL) return PyErr_Occurred() ? -1 : 0;
    if (numpy == Py_None) {                    /* sys.modules["numpy"] = None blocks it */
        Py_DECREF(numpy);
        return 0;
    }
    int found = -1;
    PyObject *dtype_type = PyObject_GetAttrString(numpy, "dtype");
    PyObject *generic = dtype_type == NULL ? NULL : PyObject_GetAttrString(numpy, "generic");
    if (generic != NULL) {
        found = PyObject_IsInstance(obj, dtype_type);
        if (found == 0 && PyType_Check(obj)) found = PyObject_IsSubclass(obj, generic);
        if (found == 1 && (*dtype = PyObject_CallOneArg(dtype_type, obj)) == NULL) found = -1;
    }
    Py_XDECREF(generic);
    Py_XDECREF(dtype_type);
    Py_DECREF(numpy);
    return found;
}

/* The width of a numpy dtype: 32 or 64 for uint32 or uint64 in native byte
 * order (numpy's byteorder '=', or '|' where order does not apply), else 0;
 * -1 with the exception if an attribute cannot be read. */
static int width_of_numpy_dtype(PyObject *dtype)
{
    PyObject *order = PyObject_GetAttrString(dtype, "byteorder");
    if (order == NULL) return -1;
    int native = PyUnicode_Check(order) && (PyUnicode_CompareWithASCIIString(order, "=") == 0
                                            || PyUnicode_CompareWithASCIIString(order, "|") == 0);
    Py_DECREF(order);
    if (!native) return 0;
    PyObject *name = PyObject_GetAttrString(dtype, "name");
    if (name == NULL) return -1;
    int width = PyUnicode_Check(name) ? (int)width_of_name(name) : 0;
    Py_DECREF(name);
    return width;
}

int pr_dtype_arg(PyObject *obj, unsigned *bits)
{
    *bits = 0;
    if (obj == NULL || obj == Py_None) return 0;
    int width;
    if (PyUnicode_Check(obj)) width = (int)width_of_name(obj);
    else {
        PyObject *dtype;
        int found = as_numpy_dtype(obj, &dtype);
        if (found < 0) return -1;
        if (found == 0) {
            PyErr_Format(PyExc_TypeError, "dtype must be None, 'uint32', 'uint64', numpy.uint32, "
                         "numpy.uint64 or a numpy.dtype of either, not %.100s", Py_TYPE(obj)->tp_name);
            return -1;
        }
        width = width_of_numpy_dtype(dtype);
        Py_DECREF(dtype);
        if (width < 0) return -1;
    }
    if (width == 0) {
        PyErr_Format(PyExc_ValueError, "dtype must be 'uint32' or 'uint64' (or numpy.uint32, "
                     "numpy.uint64 or a native-order numpy.dtype of either), not %R", obj);
        return -1;
    }
    *bits = (unsigned)width;
    return 0;
}
