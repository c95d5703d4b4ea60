/* pascalrow.WordArray: a fixed-length array of unsigned 32-bit ('I') or
 * 64-bit ('Q') integers, what pascal_row(..., dtype=...) returns.
 *
 * Its memory comes from PyMem_RawMalloc without a zero fill: a large block
 * is fresh from the kernel and each page is faulted in by whichever thread
 * writes it first, so a row mod m (written by all the library's threads at
 * once, each into its own part) is faulted in on every core.  Blocks from
 * HUGE_PAGES_FROM bytes on are marked for transparent huge pages on Linux
 * (madvise(MADV_HUGEPAGE), a hint, as NumPy gives its arrays), so that they
 * are faulted in 2 MiB at a time.
 *
 * Unwritten bytes are never seen: pr_word_array_new's object is handed out
 * only by its creator, after every item is written (pascal_row frees it on
 * any error), and the Python constructor fills what it allocates.
 *
 * The length is fixed: no append, extend, del or slice assignment.  So a
 * buffer export (memoryview, numpy.asarray) needs no lock: the memory
 * lives until the object does, and every export holds a reference to it.
 *
 * As array.array: typecode, itemsize, len, indexing (negative too),
 * slicing (a new WordArray, copied), iteration, item assignment of ints in
 * range (OverflowError, TypeError otherwise), tolist(), tobytes(),
 * buffer_info(), == and != against a WordArray or an array.array of equal
 * values (any other object: not equal), pickling; unhashable, no ordering. */
#include "_module.h"

#include <string.h>
#if defined(__linux__)
#  include <sys/mman.h>
#  include <unistd.h>
#endif

/* Blocks from this size on are marked for huge pages (NumPy's threshold). */
#define HUGE_PAGES_FROM ((size_t)4 << 20)
/* Longer arrays are shown by their first and last REPR_EDGE items. */
#define REPR_MAX 1000
#define REPR_EDGE 3

typedef struct {
    PyObject_HEAD
    Py_ssize_t len;
    Py_ssize_t itemsize;       /* 4 or 8: the buffer's stride too */
    void *data;                /* len * itemsize bytes (1 when empty) */
} word_array;

static char *typecode_of(const word_array *a) { return a->itemsize == 4 ? "I" : "Q"; }

static uint64_t item(const word_array *a, Py_ssize_t i)
{
    return a->itemsize == 4 ? ((const uint32_t *)a->data)[i] : ((const uint64_t *)a->data)[i];
}

/* Mark [p, p + bytes) for transparent huge pages where the system has them:
 * the whole pages inside it, a hint whose failure changes nothing. */
static void advise_huge_pages(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    long page = sysconf(_SC_PAGESIZE);
    if (bytes < HUGE_PAGES_FROM || page <= 0) return;
    uintptr_t lo = ((uintptr_t)p + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
    uintptr_t hi = ((uintptr_t)p + bytes) & ~((uintptr_t)page - 1);
    if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
    (void)p, (void)bytes;
#endif
}

PyObject *pr_word_array_new(PyTypeObject *type, unsigned bits, Py_ssize_t len)
{
    Py_ssize_t itemsize = bits / 8;
    if (len < 0 || len > PY_SSIZE_T_MAX / itemsize) return PyErr_NoMemory();
    size_t bytes = (size_t)len * (size_t)itemsize;
    void *data = PyMem_RawMalloc(bytes ? bytes : 1);
    if (data == NULL) return PyErr_NoMemory();
    word_array *a = PyObject_New(word_array, type);
    if (a == NULL) {
        PyMem_RawFree(data);
        return NULL;
    }
    advise_huge_pages(data, bytes);
    a->len = len;
    a->itemsize = itemsize;
    a->data = data;
    return (PyObject *)a;
}

static void word_array_dealloc(word_array *a)
{
    PyTypeObject *tp = Py_TYPE(a);
    PyMem_RawFree(a->data);
    PyObject_Free(a);
    Py_DECREF(tp);
}

/* ------------------------------------------------------------ construction */

/* 32 or 64 for the typecode 'I' or 'Q'; else 0 with the exception. */
static unsigned typecode_bits(PyObject *code)
{
    if (!PyUnicode_Check(code)) {
        PyErr_Format(PyExc_TypeError, "WordArray() argument 1 must be a unicode character, not %.100s",
                     Py_TYPE(code)->tp_name);
        return 0;
    }
    if (PyUnicode_CompareWithASCIIString(code, "I") == 0) return 32;
    if (PyUnicode_CompareWithASCIIString(code, "Q") == 0) return 64;
    PyErr_SetString(PyExc_ValueError, "WordArray typecode must be 'I' (uint32) or 'Q' (uint64)");
    return 0;
}

/* v as an item of a: an int (or __index__) in [0, 2^bits); 0, or -1 with
 * TypeError or OverflowError. */
static int item_value(const word_array *a, PyObject *v, uint64_t *out)
{
    PyObject *i = PyNumber_Index(v);
    if (i == NULL) return -1;
    unsigned long long x = PyLong_AsUnsignedLongLong(i);
    Py_DECREF(i);
    int failed = x == (unsigned long long)-1 && PyErr_Occurred();
    if (failed && !PyErr_ExceptionMatches(PyExc_OverflowError)) return -1;
    if (failed || (a->itemsize == 4 && x > UINT32_MAX)) {
        PyErr_Format(PyExc_OverflowError, "WordArray item out of range of typecode '%s'", typecode_of(a));
        return -1;
    }
    *out = x;
    return 0;
}

static void put(word_array *a, Py_ssize_t i, uint64_t x)
{
    if (a->itemsize == 4) ((uint32_t *)a->data)[i] = (uint32_t)x;
    else ((uint64_t *)a->data)[i] = x;
}

/* From bytes in native order (or `order`, "little" or "big", swapped). */
static PyObject *from_bytes(PyTypeObject *type, unsigned bits, PyObject *raw, PyObject *order)
{
    int swap = 0;
    if (order != NULL && order != Py_None) {
        const char *o = PyUnicode_Check(order) ? PyUnicode_AsUTF8(order) : NULL;
        if (o == NULL || (strcmp(o, "little") != 0 && strcmp(o, "big") != 0)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_ValueError, "WordArray byteorder must be 'little' or 'big'");
            return NULL;
        }
        swap = strcmp(o, PY_LITTLE_ENDIAN ? "little" : "big") != 0;
    }
    Py_buffer v;
    if (PyObject_GetBuffer(raw, &v, PyBUF_SIMPLE) < 0) return NULL;
    word_array *a = NULL;
    if (v.len % (bits / 8) != 0)
        PyErr_SetString(PyExc_ValueError, "bytes length not a multiple of item size");
    else if ((a = (word_array *)pr_word_array_new(type, bits, v.len / (bits / 8))) != NULL) {
        memcpy(a->data, v.buf, (size_t)v.len);
        for (Py_ssize_t i = 0; swap && i < a->len; i++)
            put(a, i, bits == 32 ? __builtin_bswap32((uint32_t)item(a, i)) : __builtin_bswap64(item(a, i)));
    }
    PyBuffer_Release(&v);
    return (PyObject *)a;
}

/* From an iterable of ints. */
static PyObject *from_items(PyTypeObject *type, unsigned bits, PyObject *items)
{
    PyObject *seq = PySequence_Fast(items, "WordArray() argument 2 must be bytes or an iterable of ints");
    if (seq == NULL) return NULL;
    Py_ssize_t len = PySequence_Fast_GET_SIZE(seq);
    word_array *a = (word_array *)pr_word_array_new(type, bits, len);
    for (Py_ssize_t i = 0; a != NULL && i < len; i++) {
        uint64_t x;
        if (item_value(a, PySequence_Fast_GET_ITEM(seq, i), &x) < 0) Py_CLEAR(a);
        else put(a, i, x);
    }
    Py_DECREF(seq);
    return (PyObject *)a;
}

static PyObject *word_array_construct(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *code, *init = NULL, *order = NULL;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "WordArray() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_UnpackTuple(args, "WordArray", 1, 3, &code, &init, &order)) return NULL;
    unsigned bits = typecode_bits(code);
    if (bits == 0) return NULL;
    if (init == NULL) return pr_word_array_new(type, bits, 0);
    if (PyBytes_Check(init) || PyByteArray_Check(init)) return from_bytes(type, bits, init, order);
    if (order != NULL && order != Py_None) {
        PyErr_SetString(PyExc_TypeError, "WordArray byteorder is for a bytes initializer only");
        return NULL;
    }
    return from_items(type, bits, init);
}

/* ---------------------------------------------------------------- sequence */

static Py_ssize_t word_array_length(word_array *a) { return a->len; }

static PyObject *word_array_item(word_array *a, Py_ssize_t i)
{
    if (i < 0 || i >= a->len) {
        PyErr_SetString(PyExc_IndexError, "WordArray index out of range");
        return NULL;
    }
    return PyLong_FromUnsignedLongLong(item(a, i));
}

static PyObject *word_array_subscript(word_array *a, PyObject *key)
{
    if (PySlice_Check(key)) {
        Py_ssize_t start, stop, step;
        if (PySlice_Unpack(key, &start, &stop, &step) < 0) return NULL;
        Py_ssize_t len = PySlice_AdjustIndices(a->len, &start, &stop, step);
        word_array *r = (word_array *)pr_word_array_new(Py_TYPE(a), (unsigned)a->itemsize * 8, len);
        if (r == NULL) return NULL;
        if (step == 1) memcpy(r->data, (char *)a->data + start * a->itemsize, (size_t)(len * a->itemsize));
        else for (Py_ssize_t i = 0; i < len; i++) put(r, i, item(a, start + i * step));
        return (PyObject *)r;
    }
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return NULL;
    return word_array_item(a, i < 0 ? i + a->len : i);
}

static int word_array_ass_subscript(word_array *a, PyObject *key, PyObject *v)
{
    if (v == NULL || PySlice_Check(key)) {
        PyErr_SetString(PyExc_TypeError, v == NULL ? "WordArray has a fixed length: items cannot be deleted"
                                                   : "WordArray does not support slice assignment");
        return -1;
    }
    Py_ssize_t i = PyNumber_AsSsize_t(key, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return -1;
    if (i < 0) i += a->len;
    if (i < 0 || i >= a->len) {
        PyErr_SetString(PyExc_IndexError, "WordArray assignment index out of range");
        return -1;
    }
    uint64_t x;
    if (item_value(a, v, &x) < 0) return -1;
    put(a, i, x);
    return 0;
}

/* ----------------------------------------------------------------- compare */

/* Whether a equals other, an array of the same length: 1, 0, or -1 with an
 * exception.  Equal buffers word for word when other's items are unsigned of
 * a's width, else item by item as ints. */
static int equal_items(word_array *a, PyObject *other)
{
    Py_buffer v;
    if (PyObject_GetBuffer(other, &v, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) return -1;
    const char *f = v.format == NULL ? "B" : v.format;
    int same = v.itemsize == a->itemsize && f[1] == '\0' && (f[0] == 'I' || f[0] == 'L' || f[0] == 'Q');
    int eq = same ? memcmp(a->data, v.buf, (size_t)(a->len * a->itemsize)) == 0 : 1;
    PyBuffer_Release(&v);
    for (Py_ssize_t i = 0; !same && eq == 1 && i < a->len; i++) {
        PyObject *x = PyLong_FromUnsignedLongLong(item(a, i)), *y = PySequence_GetItem(other, i);
        eq = x == NULL || y == NULL ? -1 : PyObject_RichCompareBool(x, y, Py_EQ);
        Py_XDECREF(x);
        Py_XDECREF(y);
    }
    return eq;
}

static PyObject *word_array_richcompare(word_array *a, PyObject *other, int op)
{
    pr_module_state *st = PyType_GetModuleState(Py_TYPE(a));
    if (st == NULL) return NULL;
    int kin = Py_IS_TYPE(other, Py_TYPE(a));
    if ((op != Py_EQ && op != Py_NE) || (!kin && !PyObject_TypeCheck(other, (PyTypeObject *)st->array_type)))
        Py_RETURN_NOTIMPLEMENTED;
    int eq = PyObject_Length(other) != a->len ? 0 : equal_items(a, other);
    if (eq < 0) return NULL;
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

/* ------------------------------------------------------------------ buffer */

static int word_array_getbuffer(word_array *a, Py_buffer *view, int flags)
{
    view->buf = a->data;
    view->obj = Py_NewRef(a);
    view->len = a->len * a->itemsize;
    view->readonly = 0;
    view->itemsize = a->itemsize;
    view->format = flags & PyBUF_FORMAT ? typecode_of(a) : NULL;
    view->ndim = 1;
    view->shape = flags & PyBUF_ND ? &a->len : NULL;
    view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &a->itemsize : NULL;
    view->suboffsets = NULL;
    view->internal = NULL;
    return 0;
}

/* ----------------------------------------------------------------- methods */

static PyObject *word_array_tolist(word_array *a, PyObject *Py_UNUSED(ignored))
{
    PyObject *list = PyList_New(a->len);
    for (Py_ssize_t i = 0; list != NULL && i < a->len; i++) {
        PyObject *v = PyLong_FromUnsignedLongLong(item(a, i));
        if (v == NULL) Py_CLEAR(list);
        else PyList_SET_ITEM(list, i, v);
    }
    return list;
}

static PyObject *word_array_tobytes(word_array *a, PyObject *Py_UNUSED(ignored))
{
    return PyBytes_FromStringAndSize(a->data, a->len * a->itemsize);
}

static PyObject *word_array_buffer_info(word_array *a, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(Nn)", PyLong_FromVoidPtr(a->data), a->len);
}

static PyObject *word_array_sizeof(word_array *a, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromSsize_t((Py_ssize_t)sizeof *a + a->len * a->itemsize);
}

#if PY_VERSION_HEX < 0x030C0000
/* PEP 688's __buffer__, which CPython 3.12 on gives every type that exports
 * a buffer: a memoryview of the items, writable whatever the flags (the
 * stubs declare it, so that type checkers see a Buffer on 3.11 too). */
static PyObject *word_array_buffer(word_array *a, PyObject *Py_UNUSED(flags))
{
    return PyMemoryView_FromObject((PyObject *)a);
}
#endif

/* (WordArray, (typecode, bytes, byteorder)): the bytes in this machine's
 * order, named, so that another machine reads them right. */
static PyObject *word_array_reduce(word_array *a, PyObject *Py_UNUSED(ignored))
{
    return Py_BuildValue("(O(sNs))", (PyObject *)Py_TYPE(a), typecode_of(a), word_array_tobytes(a, NULL),
                         PY_LITTLE_ENDIAN ? "little" : "big");
}

/* The items of [from, to) as "a, b, c" appended to parts. */
static int repr_items(word_array *a, Py_ssize_t from, Py_ssize_t to, PyObject *parts)
{
    for (Py_ssize_t i = from; i < to; i++) {
        PyObject *s = PyUnicode_FromFormat("%llu", (unsigned long long)item(a, i));
        int r = s == NULL ? -1 : PyList_Append(parts, s);
        Py_XDECREF(s);
        if (r < 0) return -1;
    }
    return 0;
}

/* pascalrow.WordArray('Q', [1, 2, 1]); from REPR_MAX items on, the first
 * and last REPR_EDGE with "..." between them (as NumPy shows long arrays). */
static PyObject *word_array_repr(word_array *a)
{
    PyObject *parts = PyList_New(0), *sep = NULL, *body = NULL, *r = NULL;
    int elide = a->len > REPR_MAX;
    if (parts == NULL || repr_items(a, 0, elide ? REPR_EDGE : a->len, parts) < 0) goto done;
    if (elide) {
        PyObject *dots = PyUnicode_FromString("...");
        int e = dots == NULL ? -1 : PyList_Append(parts, dots);
        Py_XDECREF(dots);
        if (e < 0 || repr_items(a, a->len - REPR_EDGE, a->len, parts) < 0) goto done;
    }
    if ((sep = PyUnicode_FromString(", ")) == NULL || (body = PyUnicode_Join(sep, parts)) == NULL) goto done;
    r = PyUnicode_FromFormat("pascalrow.WordArray('%s', [%U])", typecode_of(a), body);
done:
    Py_XDECREF(body);
    Py_XDECREF(sep);
    Py_XDECREF(parts);
    return r;
}

static PyObject *word_array_typecode(word_array *a, void *Py_UNUSED(closure))
{
    return PyUnicode_FromString(typecode_of(a));
}

static PyObject *word_array_itemsize(word_array *a, void *Py_UNUSED(closure))
{
    return PyLong_FromSsize_t(a->itemsize);
}

static PyMethodDef word_array_methods[] = {
    {"tolist", (PyCFunction)word_array_tolist, METH_NOARGS, "The items as a list of ints."},
    {"tobytes", (PyCFunction)word_array_tobytes, METH_NOARGS, "The items' bytes in this machine's order."},
    {"buffer_info", (PyCFunction)word_array_buffer_info, METH_NOARGS,
     "(address, length): where the items are in memory and how many there are."},
    {"__sizeof__", (PyCFunction)word_array_sizeof, METH_NOARGS, "Size of the object and its items, in bytes."},
    {"__reduce__", (PyCFunction)word_array_reduce, METH_NOARGS, "For pickle."},
#if PY_VERSION_HEX < 0x030C0000
    {"__buffer__", (PyCFunction)word_array_buffer, METH_O, "A memoryview of the items."},
#endif
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef word_array_getset[] = {
    {"typecode", (getter)word_array_typecode, NULL, "'I' (uint32) or 'Q' (uint64), as array.array's.", NULL},
    {"itemsize", (getter)word_array_itemsize, NULL, "Bytes per item: 4 or 8.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyDoc_STRVAR(word_array_doc,
"WordArray(typecode, initializer=(), byteorder=None, /)\n--\n\n"
"A fixed-length array of unsigned integers, 'I' (uint32) or 'Q' (uint64):\n"
"what pascal_row(..., dtype=...) returns.\n\n"
"It behaves as an array.array of that typecode for reading and writing\n"
"items: typecode, itemsize, len(), indexing (negative too), slicing (a new\n"
"WordArray, copied), iteration, item assignment of ints in range\n"
"(OverflowError otherwise, TypeError for a non-integer), tolist(),\n"
"tobytes(), buffer_info(), and == / != against a WordArray or an\n"
"array.array of equal values (any other object, a list too, is unequal).\n"
"Its length is fixed: no append, extend, del or slice assignment.\n\n"
"It exports its memory (the buffer protocol, writable, format 'I' or 'Q'):\n"
"numpy.asarray(a) and memoryview(a) share it without copying;\n"
"array.array(a.typecode, a.tobytes()) or array.array(a.typecode, a) make\n"
"an array.array copy.\n\n"
"initializer: bytes or a bytearray (the items' bytes in this machine's\n"
"order, or in byteorder 'little' or 'big' when given), or an iterable of\n"
"ints.  Pickled as its bytes and this machine's byte order.");

static PyType_Slot word_array_slots[] = {
    {Py_tp_dealloc, word_array_dealloc},
    {Py_tp_new, word_array_construct},
    {Py_tp_repr, word_array_repr},
    {Py_tp_richcompare, word_array_richcompare},
    {Py_tp_iter, PySeqIter_New},
    {Py_tp_methods, word_array_methods},
    {Py_tp_getset, word_array_getset},
    {Py_tp_doc, (void *)word_array_doc},
    {Py_sq_length, word_array_length},
    {Py_sq_item, word_array_item},
    {Py_mp_length, word_array_length},
    {Py_mp_subscript, word_array_subscript},
    {Py_mp_ass_subscript, word_array_ass_subscript},
    {Py_bf_getbuffer, word_array_getbuffer},
    {0, NULL},
};

PyType_Spec pr_word_array_spec = {
    .name = "pascalrow.WordArray",
    .basicsize = sizeof(word_array),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_SEQUENCE,
    .slots = word_array_slots,
};
