/* pascalrow._pascalrow — the CPython binding of libpascalrow.  This file:
 * the module, its state, the thread knob (set_num_threads,
 * pr_threads_resolve) and the status-to-exception map.  The others:
 *
 *   each public function's glue, a file of its own: _row.c (pascal_row),
 *       _row_sum.c (row_sum), _comb.c (comb), _triangle.c
 *       (pascal_triangle), _multinomial.c (multinomial), _binomial.c
 *       (binomial), _valuation.c (valuation), _mod_stream.c (the command
 *       line's streamed rows mod m);
 *   what they share: _args.c (argument parsing), _convert.c (GMP values and
 *       ints), _memory.c (the estimates behind every up-front MemoryError),
 *       _exact_ints.c (exact values written into ints by the library's
 *       digit walk), _interruptible.c (the run policy: where each
 *       computation runs, and Ctrl-C for the long ones), _ready.c (a count
 *       of items that threads wait for);
 *   _word_array.c: pascalrow.WordArray, the array pascal_row's dtype=
 *       returns.
 *
 * The NumPy ufuncs (pascalrow._ufuncs) are a module of their own:
 * _ufuncs.c, _comb_array.c, _valuation_array.c, _parallel.c. */
#include "_interruptible.h"
#include "_module.h"

#include "pascalrow.h"

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#ifndef PASCALROW_PY_VERSION
#  error "PASCALROW_PY_VERSION must be defined by the build"
#endif

PyObject *pr_raise_status(int status)
{
    PyObject *type;
    switch (status) {
    case PASCALROW_ENOMEM:    type = PyExc_MemoryError; break;
    case PASCALROW_EOVERFLOW:
    case PASCALROW_ERANGE:    type = PyExc_OverflowError; break;
    case PASCALROW_EINVAL:    type = PyExc_ValueError; break;
    default:                  type = PyExc_SystemError; break;
    }
    PyErr_SetString(type, pascalrow_strerror(status));
    return NULL;
}

/* --------------------------------------------------------- threads knob */

PyDoc_STRVAR(set_num_threads_doc,
"set_num_threads($module, n, /)\n--\n\n"
"Use at most n threads for one big row (n >= 1; 1 = no extra threads).\n\n"
"None (or 0) goes back to the default: the PASCALROW_THREADS environment\n"
"variable if it is set, else the number of CPUs this process may use.\n"
"Rows from n = 2000 on release the GIL whatever the setting; only rows\n"
"with enough work (about n >= 4820) are split across threads.  Rows mod m\n"
"(pascal_row(..., mod=m)) release the GIL unless they are short (under\n"
"about 0.1 ms) and are split from 131072 values of the row's lower half\n"
"on (65536 a thread).  comb(n, k)\n"
"with a value of 2**17 bits or more multiplies its prime factors on the\n"
"same threads.  Raises TypeError for a non-integer and ValueError outside\n"
"0..256.");

/* CPUs this process may run on. */
static unsigned online_cpus(void)
{
#if defined(__linux__) && defined(CPU_COUNT)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
#endif
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

int pr_threads_resolve(unsigned setting, unsigned *out)
{
    if (setting > 0) { *out = setting; return 0; }
    const char *env = getenv("PASCALROW_THREADS");
    if (env != NULL && *env != '\0') {
        char *end;
        errno = 0;
        unsigned long v = strtoul(env, &end, 10);
        if (errno == 0 && *end == '\0' && v >= 1 && v <= PASCALROW_MAX_THREADS && env[0] != '-') {
            *out = (unsigned)v;
            return 0;
        }
        if (PyErr_WarnFormat(PyExc_RuntimeWarning, 1,
                             "PASCALROW_THREADS=%.40s is not an integer from 1 to %d; "
                             "using the number of CPUs", env, PASCALROW_MAX_THREADS) < 0)
            return -1;
    }
    unsigned cpus = online_cpus();
    *out = cpus < PASCALROW_MAX_THREADS ? cpus : PASCALROW_MAX_THREADS;
    return 0;
}

static PyObject *set_num_threads(PyObject *module, PyObject *arg)
{
    long n = 0;
    if (arg != Py_None) {
        PyObject *v = PyNumber_Index(arg);
        if (v == NULL) return NULL;
        n = PyLong_AsLong(v);
        Py_DECREF(v);
        if (n == -1 && PyErr_Occurred()) {
            if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return NULL;
            PyErr_Clear();
            n = -1;
        }
        if (n < 0 || n > PASCALROW_MAX_THREADS) {
            PyErr_Format(PyExc_ValueError, "set_num_threads: n must be from 0 to %d", PASCALROW_MAX_THREADS);
            return NULL;
        }
    }
    pr_state(module)->threads = (unsigned)n;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(get_num_threads_doc,
"get_num_threads($module, /)\n--\n\n"
"The number of threads a big row would use now (see set_num_threads).");

static PyObject *get_num_threads(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    unsigned threads;
    if (pr_threads_resolve(pr_state(module)->threads, &threads) < 0) return NULL;
    return PyLong_FromUnsignedLong(threads);
}

/* ------------------------------------------------------ for the tests */

PyDoc_STRVAR(abandoned_running_doc,
"_abandoned_running($module, /)\n--\n\n"
"How many computations abandoned on Ctrl-C are still running (they free\n"
"their memory when they end).");

static PyObject *abandoned_running(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    (void)module;
    return PyLong_FromLong(pr_abandoned_running());
}

/* ---------------------------------------------------------------- module */

static PyMethodDef methods[] = {
    {"pascal_row", (PyCFunction)(void (*)(void))pr_pascal_row, METH_FASTCALL | METH_KEYWORDS, pr_pascal_row_doc},
    {"row_sum", (PyCFunction)(void (*)(void))pr_row_sum, METH_FASTCALL | METH_KEYWORDS, pr_row_sum_doc},
    {"comb", (PyCFunction)(void (*)(void))pr_comb, METH_FASTCALL | METH_KEYWORDS, pr_comb_doc},
    {"pascal_triangle", (PyCFunction)pr_pascal_triangle, METH_O, pr_pascal_triangle_doc},
    {"multinomial", (PyCFunction)(void (*)(void))pr_multinomial, METH_FASTCALL, pr_multinomial_doc},
    {"binomial", (PyCFunction)(void (*)(void))pr_binomial, METH_FASTCALL | METH_KEYWORDS, pr_binomial_doc},
    {"_mod_stream", (PyCFunction)(void (*)(void))pr_mod_stream, METH_FASTCALL, pr_mod_stream_doc},
    {"_mod_stream_read", (PyCFunction)(void (*)(void))pr_mod_stream_read, METH_FASTCALL, pr_mod_stream_read_doc},
    {"valuation", (PyCFunction)(void (*)(void))pr_valuation, METH_FASTCALL, pr_valuation_doc},
    {"_decimal", (PyCFunction)pr_decimal, METH_O, pr_decimal_doc},
    {"_slice_end", (PyCFunction)(void (*)(void))pr_slice_end, METH_FASTCALL, pr_slice_end_doc},
    {"set_num_threads", (PyCFunction)set_num_threads, METH_O, set_num_threads_doc},
    {"get_num_threads", (PyCFunction)get_num_threads, METH_NOARGS, get_num_threads_doc},
    {"_abandoned_running", (PyCFunction)abandoned_running, METH_NOARGS, abandoned_running_doc},
    {NULL, NULL, 0, NULL},
};

/* Rows 0..67 from the fixed-width builder, once, as tuples of ints; by
 * C(n,k) = C(n,n−k) the two halves share their objects. */
static int build_small_rows(pr_module_state *st)
{
    uint64_t row[PR_SMALL_MAX + 1];
    for (uint64_t n = 0; n <= PR_SMALL_MAX; n++) {
        int status = pascalrow_row_u64(n, row);
        if (status != PASCALROW_OK) { pr_raise_status(status); return -1; }
        PyObject *list = PyList_New((Py_ssize_t)n + 1);
        for (uint64_t k = 0; list != NULL && k <= n / 2; k++) {
            PyObject *v = PyLong_FromUnsignedLongLong(row[k]);
            if (v == NULL) Py_CLEAR(list);
            else pr_list_place(list, n, 0, n + 1, k, v);
        }
        if (list == NULL) return -1;
        st->small_rows[n] = PyList_AsTuple(list);
        Py_DECREF(list);
        if (st->small_rows[n] == NULL) return -1;
    }
    return 0;
}

static int module_exec(PyObject *module)
{
    pr_module_state *st = pr_state(module);
    if (build_small_rows(st) < 0) return -1;
    st->triangle_type = PyType_FromModuleAndSpec(module, &pr_triangle_iter_spec, NULL);
    if (st->triangle_type == NULL) return -1;
    PyObject *array_mod = PyImport_ImportModule("array");
    if (array_mod == NULL) return -1;
    st->array_type = PyObject_GetAttrString(array_mod, "array");
    Py_DECREF(array_mod);
    if (st->array_type == NULL) return -1;
    st->word_array_type = PyType_FromModuleAndSpec(module, &pr_word_array_spec, NULL);
    if (st->word_array_type == NULL || PyModule_AddObjectRef(module, "WordArray", st->word_array_type) < 0)
        return -1;
    if (PyModule_AddStringConstant(module, "__version__", PASCALROW_PY_VERSION) < 0) return -1;
    if (PyModule_AddIntConstant(module, "C_VERSION_NUMBER", (long)pascalrow_version_number()) < 0) return -1;
    if (PyModule_AddIntConstant(module, "U32_MAX_N", PASCALROW_U32_MAX_N) < 0) return -1;
    if (PyModule_AddIntConstant(module, "U64_MAX_N", PASCALROW_U64_MAX_N) < 0) return -1;
    if (PyModule_AddIntConstant(module, "MAX_THREADS", PASCALROW_MAX_THREADS) < 0) return -1;
    if (PyModule_AddIntConstant(module, "MIN_VALUES_PER_THREAD", PASCALROW_MIN_VALUES_PER_THREAD) < 0) return -1;
    _Static_assert(PASCALROW_MOD_MAX <= LONG_MAX && PASCALROW_MOD_COST_LIMIT <= LONG_MAX, "limits as C longs");
    if (PyModule_AddIntConstant(module, "MOD_MAX", (long)PASCALROW_MOD_MAX) < 0) return -1;
    if (PyModule_AddIntConstant(module, "MOD_COST_LIMIT", (long)PASCALROW_MOD_COST_LIMIT) < 0) return -1;
    return 0;
}

/* Every reference the state st holds, each handed to VISIT (Py_VISIT or
 * Py_CLEAR): module_traverse and module_clear walk this one list. */
#define STATE_REFS(st, VISIT)                                                      \
    do {                                                                           \
        for (int n_ = 0; n_ <= PR_SMALL_MAX; n_++) VISIT((st)->small_rows[n_]);    \
        VISIT((st)->triangle_type);                                                \
        VISIT((st)->array_type);                                                   \
        VISIT((st)->word_array_type);                                              \
    } while (0)

static int module_traverse(PyObject *module, visitproc visit, void *arg)
{
    pr_module_state *st = pr_state(module);
    STATE_REFS(st, Py_VISIT);
    return 0;
}

static int module_clear(PyObject *module)
{
    pr_module_state *st = pr_state(module);
    STATE_REFS(st, Py_CLEAR);
    return 0;
}

static void module_free(void *module) { module_clear((PyObject *)module); }

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "pascalrow._pascalrow",
    .m_doc = "C implementation of pascalrow (see the pascalrow package).",
    .m_size = sizeof(pr_module_state),
    .m_methods = methods,
    .m_slots = slots,
    .m_traverse = module_traverse,
    .m_clear = module_clear,
    .m_free = module_free,
};

PyMODINIT_FUNC PyInit__pascalrow(void) { return PyModuleDef_Init(&moduledef); }
