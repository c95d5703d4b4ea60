/* pascal_triangle(n): rows 0..n as lists, from libpascalrow's triangle
 * iterator (one in-place additive step per row; u32, then u64, then GMP). */
#include "_args.h"
#include "_convert.h"
#include "_memory.h"
#include "_module.h"

#include "pascalrow.h"

typedef struct {
    PyObject_HEAD
    pascalrow_triangle *t;
    uint64_t next, last;       /* the next row to yield, the last one */
} triangle_iter;

/* The row held by t as a list of ints; C(n,k) = C(n,n−k) shares objects. */
static PyObject *triangle_row_list(const pascalrow_triangle *t)
{
    const uint64_t n = pascalrow_triangle_n(t);
    const uint32_t *r32 = pascalrow_triangle_row_u32(t);
    const uint64_t *r64 = pascalrow_triangle_row_u64(t);
    const mpz_t *big = pascalrow_triangle_row_mpz(t);
    PyObject *list = PyList_New((Py_ssize_t)n + 1);
    if (list == NULL) return NULL;
    for (uint64_t k = 0; k <= n / 2; k++) {
        PyObject *v = r32 ? PyLong_FromUnsignedLong(r32[k])
                    : r64 ? PyLong_FromUnsignedLongLong(r64[k])
                          : pr_long_from_mpz(big[k]);
        if (v == NULL) { Py_DECREF(list); return NULL; }
        pr_list_place(list, n, 0, n + 1, k, v);
    }
    return list;
}

static PyObject *triangle_iter_next(triangle_iter *it)
{
    if (it->next > it->last) return NULL;                 /* StopIteration */
    if (PyErr_CheckSignals() < 0) return NULL;
    const uint64_t n = it->next;
    /* GMP's memory for the step is probed by the library */
    if (n > PR_SMALL_MAX
        && pr_refuse_memory(pr_mem_triangle_row(n), 0, "pascal_triangle row %llu", (unsigned long long)n) < 0)
        return NULL;
    int status = pascalrow_triangle_next(it->t);
    if (status != PASCALROW_OK) return pr_raise_status(status);
    it->next++;
    return triangle_row_list(it->t);
}

static PyObject *triangle_iter_length_hint(triangle_iter *it, PyObject *unused)
{
    (void)unused;
    return PyLong_FromUnsignedLongLong(it->next > it->last ? 0 : it->last - it->next + 1);
}

static void triangle_iter_dealloc(triangle_iter *it)
{
    PyTypeObject *tp = Py_TYPE(it);
    pascalrow_triangle_free(it->t);
    PyObject_Free(it);
    Py_DECREF(tp);
}

static PyMethodDef triangle_iter_methods[] = {
    {"__length_hint__", (PyCFunction)triangle_iter_length_hint, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot triangle_iter_slots[] = {
    {Py_tp_dealloc, triangle_iter_dealloc},
    {Py_tp_iter, PyObject_SelfIter},
    {Py_tp_iternext, triangle_iter_next},
    {Py_tp_methods, triangle_iter_methods},
    {Py_tp_doc, (void *)"Iterator over the rows of Pascal's triangle (see pascal_triangle)."},
    {0, NULL},
};

PyType_Spec pr_triangle_iter_spec = {
    .name = "pascalrow._pascalrow.TriangleIterator",
    .basicsize = sizeof(triangle_iter),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = triangle_iter_slots,
};

const char pr_pascal_triangle_doc[] = PyDoc_STR(
"pascal_triangle($module, n, /)\n--\n\n"
"Iterate over rows 0, 1, ..., n of Pascal's triangle, each a list of exact\n"
"ints (row i is pascal_row(i)).\n\n"
"Each row is made from the one before by the in-place additive step\n"
"C(i+1, j) = C(i, j) + C(i, j-1): one pass per row, in 32-bit integers\n"
"while the row fits, then 64-bit, then GMP.  Rows are made lazily, one per\n"
"next(); n is accepted the way math.comb accepts integers.  Raises\n"
"TypeError for a non-integer, ValueError for a negative n, OverflowError\n"
"for an n whose row could not be a list, and MemoryError when a row would\n"
"not fit in memory.");

PyObject *pr_pascal_triangle(PyObject *module, PyObject *arg)
{
    uint64_t n;
    if (pr_u64_arg(arg, "n", 0, 0, &n) < 0) return NULL;
    if (n >= (uint64_t)PY_SSIZE_T_MAX) {
        PyErr_Format(PyExc_OverflowError, "pascal_triangle: n must be less than %zd", PY_SSIZE_T_MAX);
        return NULL;
    }
    triangle_iter *it = PyObject_New(triangle_iter, (PyTypeObject *)pr_state(module)->triangle_type);
    if (it == NULL) return NULL;
    it->next = 0;
    it->last = n;
    if ((it->t = pascalrow_triangle_new()) == NULL) {
        Py_DECREF(it);
        return PyErr_NoMemory();
    }
    return (PyObject *)it;
}
