/* _mod_stream(n, start, mod) and _mod_stream_read(stream, out): a row mod m
 * read piece by piece through pascalrow_mod_stream, for the command line's
 * streamed output (__main__.py).  Not public: the stream is a capsule.
 *
 * Each read fills a caller's writable buffer of uint64 (its whole length,
 * or what is left of the row), the GIL released for a long one.  Two
 * threads reading one stream at once: the second gets RuntimeError (the
 * stream's state is not shared). */
#include "_args.h"
#include "_interruptible.h"
#include "_memory.h"
#include "_module.h"

#include "pascalrow.h"

#include <stdatomic.h>
#include <stdlib.h>

#define CAPSULE_NAME "pascalrow._mod_stream"

struct stream_box {
    pascalrow_mod_stream *s;
    uint64_t n;
    atomic_int busy;
};

static void box_free(PyObject *capsule)
{
    struct stream_box *box = PyCapsule_GetPointer(capsule, CAPSULE_NAME);
    if (box == NULL) return;
    pascalrow_mod_stream_free(box->s);
    PyMem_Free(box);
}

/* Making the stream: its seed may take seconds, so a costly one is made on
 * a thread Ctrl-C can abandon (_interruptible.h); the job owns the stream
 * until new_finish hands it to the capsule. */
struct new_job {
    uint64_t n, start, m;
    pascalrow_mod_stream *s;
    int status;
};

static void new_work(void *vjob)
{
    struct new_job *job = vjob;
    job->status = pascalrow_mod_stream_new(job->n, job->start, job->m, &job->s);
}

static PyObject *new_finish(void *vjob)
{
    struct new_job *job = vjob;
    if (job->status != PASCALROW_OK) return pr_raise_status(job->status);
    struct stream_box *box = PyMem_Malloc(sizeof *box);
    if (box == NULL) return PyErr_NoMemory();
    box->s = job->s;
    box->n = job->n;
    atomic_init(&box->busy, 0);
    PyObject *capsule = PyCapsule_New(box, CAPSULE_NAME, box_free);
    if (capsule == NULL) {
        PyMem_Free(box);
        return NULL;
    }
    job->s = NULL;                                  /* the capsule's now */
    return capsule;
}

static void new_release(void *vjob)
{
    struct new_job *job = vjob;
    pascalrow_mod_stream_free(job->s);
    free(job);
}

const char pr_mod_stream_doc[] = PyDoc_STR(
"_mod_stream($module, n, start, mod, /)\n--\n\n"
"A reader of row n mod m from k = start on, for _mod_stream_read (the\n"
"command line's streamed output).  OverflowError when the start is out of\n"
"reach, as for pascal_row(n, start, ..., mod=mod).");

PyObject *pr_mod_stream(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    uint64_t n, start, m;
    if (nargs != 3) {
        PyErr_Format(PyExc_TypeError, "_mod_stream takes 3 arguments (%zd given)", nargs);
        return NULL;
    }
    if (pr_u64_arg(args[0], "n", 0, 0, &n) < 0 || pr_u64_arg(args[1], "start", 0, 0, &start) < 0
        || pr_mod_index(args[2], &m) < 0)
        return NULL;
    if (n == UINT64_MAX) {
        PyErr_SetString(PyExc_OverflowError, "_mod_stream: n must be less than 2**64 - 1");
        return NULL;
    }
    uint64_t cost = start <= n ? pascalrow_slice_mod_cost(n, start, start + 1, m) : 0;
    if (pr_refuse_mod_cost("_mod_stream(n, start, mod)", cost) < 0) return NULL;
    struct new_job *job = malloc(sizeof *job);
    if (job == NULL) return PyErr_NoMemory();
    *job = (struct new_job){ .n = n, .start = start, .m = m };
    return pr_run(new_work, new_finish, new_release, job, pr_where_to_run((double)cost));
}

const char pr_mod_stream_read_doc[] = PyDoc_STR(
"_mod_stream_read($module, stream, out, /)\n--\n\n"
"The next values of the stream into out, a writable buffer of uint64\n"
"(array('Q'), say): as many as it holds, or as are left.  Returns how many\n"
"were written (0 at the end of the row).");

PyObject *pr_mod_stream_read(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "_mod_stream_read takes 2 arguments (%zd given)", nargs);
        return NULL;
    }
    if (!PyCapsule_IsValid(args[0], CAPSULE_NAME)) {
        PyErr_SetString(PyExc_TypeError, "_mod_stream_read: stream must come from _mod_stream");
        return NULL;
    }
    struct stream_box *box = PyCapsule_GetPointer(args[0], CAPSULE_NAME);
    Py_buffer view;
    if (PyObject_GetBuffer(args[1], &view, PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS) < 0) return NULL;
    if (atomic_exchange(&box->busy, 1)) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_RuntimeError, "_mod_stream_read: the stream is being read by another thread");
        return NULL;
    }
    /* this thread alone holds the stream until busy is cleared */
    uint64_t left = box->n + 1 - pascalrow_mod_stream_position(box->s);
    uint64_t count = (uint64_t)view.len / sizeof(uint64_t);
    if (count > left) count = left;
    /* a step a value; never on another thread: out is the caller's */
    PyThreadState *tstate = pr_release_gil((double)count) ? PyEval_SaveThread() : NULL;
    int status = pascalrow_mod_stream_next(box->s, count, view.buf);
    if (tstate != NULL) PyEval_RestoreThread(tstate);
    atomic_store(&box->busy, 0);
    PyBuffer_Release(&view);
    if (status != PASCALROW_OK) return pr_raise_status(status);
    return PyLong_FromUnsignedLongLong(count);
}
