/* Two things the benchmark measures that are not pascalrow, in C so they cost
 * what they would cost in any extension.  Built by `make bench` (bench/peers/
 * meson.build), never shipped in the package.
 *
 * seed_pascal_row(n) — the "FFI bindings" talk's extension: one uint32_t array
 *     updated in place, row by row, with the additive rule
 *     C(i+1, j) = C(i, j) + C(i, j−1), then each value boxed into an int.
 *     O(n²) additions; wraps modulo 2^32 past row 34, exactly as the talk's
 *     code does (the benchmark marks it ✗ there).
 *
 * floor_row(ndigits, n) — the floor: the least any implementation must do to
 *     hand back row n as Python ints.  It creates n//2 + 1 fresh ints with the
 *     row's digit counts (ndigits[k] for k ≤ n/2, an array('I')), writes every
 *     digit (memset, no arithmetic), and puts them in a list of n + 1, the
 *     object for k shared with n − k.  The values are not binomials; the sizes
 *     and the allocation pattern are the row's.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static PyObject *seed_pascal_row(PyObject *self, PyObject *arg)
{
    (void)self;
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred()) return NULL;
    if (n < 0) { PyErr_SetString(PyExc_ValueError, "n must be >= 0"); return NULL; }
    uint32_t *row = calloc((size_t)n + 1, sizeof *row);
    if (row == NULL) return PyErr_NoMemory();
    row[0] = 1;
    /* row i → row i + 1, from the high end so row[j − 1] is still row i's */
    for (Py_ssize_t i = 0; i < n; i++)
        for (Py_ssize_t j = i + 1; j > 0; j--)
            row[j] += row[j - 1];
    PyObject *list = PyList_New(n + 1);
    if (list != NULL) {
        for (Py_ssize_t k = 0; k <= n; k++) {
            PyObject *v = PyLong_FromUnsignedLong(row[k]);
            if (v == NULL) { Py_CLEAR(list); break; }
            PyList_SET_ITEM(list, k, v);
        }
    }
    free(row);
    return list;
}

/* A fresh positive int of nd ≥ 1 digits, every digit written. */
static PyObject *fresh_int(Py_ssize_t nd)
{
#if PY_VERSION_HEX >= 0x030E0000
    void *digits;
    PyLongWriter *w = PyLongWriter_Create(0, nd, &digits);
    if (w == NULL) return NULL;
    memset(digits, 1, (size_t)nd * sizeof(digit));   /* digit 0x01010101 < 2^30 */
    return PyLongWriter_Finish(w);
#else
    PyLongObject *v = _PyLong_New(nd);
    if (v == NULL) return NULL;
#  if PY_VERSION_HEX >= 0x030C0000
    memset(v->long_value.ob_digit, 1, (size_t)nd * sizeof(digit));
#  else
    memset(v->ob_digit, 1, (size_t)nd * sizeof(digit));
#  endif
    return (PyObject *)v;
#endif
}

static PyObject *floor_row(PyObject *self, PyObject *args)
{
    (void)self;
    Py_buffer sizes;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "y*n", &sizes, &n)) return NULL;
    PyObject *list = NULL;
    if (sizes.itemsize != sizeof(uint32_t) || sizes.len / sizes.itemsize < n / 2 + 1 || n < 0) {
        PyErr_SetString(PyExc_ValueError, "need an array('I') of n//2 + 1 digit counts");
        goto done;
    }
    const uint32_t *nd = sizes.buf;
    list = PyList_New(n + 1);
    if (list == NULL) goto done;
    for (Py_ssize_t k = 0; k <= n / 2; k++) {
        PyObject *v = fresh_int((Py_ssize_t)nd[k]);
        if (v == NULL) { Py_CLEAR(list); goto done; }
        PyList_SET_ITEM(list, k, v);
        if (n - k != k) PyList_SET_ITEM(list, n - k, Py_NewRef(v));
    }
done:
    PyBuffer_Release(&sizes);
    return list;
}

static PyMethodDef methods[] = {
    {"seed_pascal_row", seed_pascal_row, METH_O,
     "seed_pascal_row(n): row n from a uint32_t array updated in place (wraps past n = 34)."},
    {"floor_row", floor_row, METH_VARARGS,
     "floor_row(ndigits, n): n//2 + 1 fresh ints of the given digit counts in a list of n + 1."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, .m_name = "_benchpeers",
    .m_doc = "Benchmark-only peers of pascalrow (not part of the package).",
    .m_size = 0, .m_methods = methods,
};

PyMODINIT_FUNC PyInit__benchpeers(void) { return PyModuleDef_Init(&moduledef); }
