/* pascalrow._ufuncs: the NumPy ufuncs behind comb_array and valuation_array
 * (_arrays.py checks the arguments, picks the ufunc and turns the flags into
 * exceptions).  A module of its own, so that `import pascalrow` never needs
 * NumPy; built against NumPy 2's C API, it imports with any NumPy ≥ 2.
 *
 *   comb_u64(n, k, threads)      → (C(n, k), fits)
 *   comb_object(n, k)            → C(n, k) as a Python int
 *   comb_mod(n, k, m, threads)   → (C(n, k) mod m, ok)
 *   valuation(n, k, p, threads)  → (v_p C(n, k), ok)
 * n, k, m, p uint64 or int64 (one loop each); threads int64; values uint64,
 * flags bool.
 */
#define PR_UFUNCS_MODULE
#include "_ufuncs.h"

#include <numpy/arrayobject.h>

/* The module's comb (pascalrow._pascalrow.comb), for comb_object's values
 * past 2^64: a reference held for the life of the process. */
static PyObject *comb_function;

/* Two loops per ufunc, the same code: for uint64 inputs, and for int64
 * inputs (NumPy's default integers), whose data, &pr_signed_inputs, says
 * that an element with a negative input is flagged, not computed (the
 * object loop's int64 inputs were checked non-negative by _arrays.py).  The
 * last input of the uint64-valued ufuncs is the number of threads (int64,
 * a scalar). */
const int pr_signed_inputs = 1;

static PyUFuncGenericFunction comb_u64_funcs[] = { pr_comb_u64_loop, pr_comb_u64_loop };
static char comb_u64_types[] = { NPY_UINT64, NPY_UINT64, NPY_INT64, NPY_UINT64, NPY_BOOL,
                                 NPY_INT64, NPY_INT64, NPY_INT64, NPY_UINT64, NPY_BOOL };
static PyUFuncGenericFunction comb_object_funcs[] = { pr_comb_object_loop, pr_comb_object_loop };
static char comb_object_types[] = { NPY_UINT64, NPY_UINT64, NPY_OBJECT,
                                    NPY_INT64, NPY_INT64, NPY_OBJECT };
static void *comb_object_data[] = { &comb_function, &comb_function };
static PyUFuncGenericFunction comb_mod_funcs[] = { pr_comb_mod_loop, pr_comb_mod_loop };
static PyUFuncGenericFunction valuation_funcs[] = { pr_valuation_loop, pr_valuation_loop };
/* (n, k, x, threads) -> (value, flag): comb_mod's x is m, valuation's p */
static char nkx_threads_types[] = { NPY_UINT64, NPY_UINT64, NPY_UINT64, NPY_INT64, NPY_UINT64, NPY_BOOL,
                                    NPY_INT64, NPY_INT64, NPY_INT64, NPY_INT64, NPY_UINT64, NPY_BOOL };
static void *signed_data[] = { NULL, (void *)&pr_signed_inputs };

struct ufunc_def {
    const char *name, *doc;
    PyUFuncGenericFunction *funcs;
    void **data;
    char *types;
    int nin, nout;
};

static const struct ufunc_def ufuncs[] = {
    { "comb_u64", "comb_u64(n, k, threads) -> (C(n, k) or 0, whether it fits uint64)",
      comb_u64_funcs, signed_data, comb_u64_types, 3, 2 },
    { "comb_object", "comb_object(n, k) -> C(n, k) as a Python int",
      comb_object_funcs, comb_object_data, comb_object_types, 2, 1 },
    { "comb_mod", "comb_mod(n, k, m, threads) -> (C(n, k) mod m or 0, whether it was computed)",
      comb_mod_funcs, signed_data, nkx_threads_types, 4, 2 },
    { "valuation", "valuation(n, k, p, threads) -> (v_p C(n, k) or 0, whether k <= n and p is prime)",
      valuation_funcs, signed_data, nkx_threads_types, 4, 2 },
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "pascalrow._ufuncs",
    .m_doc = "NumPy ufuncs behind pascalrow.comb_array and pascalrow.valuation_array.",
    .m_size = -1,
};

PyMODINIT_FUNC PyInit__ufuncs(void)
{
    if (PyArray_ImportNumPyAPI() < 0) return NULL;
    import_umath1(NULL);
    if (comb_function == NULL) {
        PyObject *core = PyImport_ImportModule("pascalrow._pascalrow");
        if (core == NULL) return NULL;
        comb_function = PyObject_GetAttrString(core, "comb");
        Py_DECREF(core);
        if (comb_function == NULL) return NULL;
    }
    PyObject *module = PyModule_Create(&moduledef);
    if (module == NULL) return NULL;
    for (size_t i = 0; i < sizeof ufuncs / sizeof *ufuncs; i++) {
        const struct ufunc_def *u = &ufuncs[i];
        PyObject *f = PyUFunc_FromFuncAndData(u->funcs, u->data, u->types, 2, u->nin, u->nout,
                                              PyUFunc_None, u->name, u->doc, 0);
        int st = f == NULL ? -1 : PyModule_AddObjectRef(module, u->name, f);
        Py_XDECREF(f);
        if (st < 0) {
            Py_DECREF(module);
            return NULL;
        }
    }
    return module;
}
