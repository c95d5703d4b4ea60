/* Long computations that Ctrl-C can interrupt.
 *
 * A GMP call cannot be stopped part-way: C(3·10⁸, 1.5·10⁸) runs for
 * seconds with no point at which to check for a signal; nor can a library
 * call with no poll (pascalrow_comb_mod, pascalrow_row_sum_mod, a stream's
 * seed), which may walk up to 1e10 steps.  So the call runs on
 * a thread of its own, and the caller waits for it with the GIL released,
 * taking the GIL back every PR_INTERRUPT_POLL_MS milliseconds to check for
 * signals.  On KeyboardInterrupt (or any exception a signal handler raises)
 * the caller returns at once and the computation is abandoned: it runs to
 * its end on its own thread, which then frees what it used.
 *
 * The work and what it needs live in one block, `arg`, that the caller and
 * the thread share; whichever of the two is done with it last calls
 * release(arg), so neither frees anything the other may still use. */
#ifndef PASCALROW_INTERRUPTIBLE_H
#define PASCALROW_INTERRUPTIBLE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <gmp.h>
#include <stdint.h>

/* How often the waiting caller checks for signals. */
#define PR_INTERRUPT_POLL_MS 20

/* Runs work(arg) without the GIL on a new thread and waits for it,
 * answering Ctrl-C within about PR_INTERRUPT_POLL_MS.  When work has
 * returned, finish(arg) runs on the calling thread with the GIL held and its
 * result is returned.  On an exception from a signal handler, NULL with that
 * exception: work goes on alone and finish is never called.  release(arg) is
 * called exactly once, after work (and finish, if it runs), on whichever
 * thread is last: it must not call Python.
 *
 * If no thread can be started, work runs on the calling thread with the
 * GIL released (not interruptible), then finish.  GIL held on entry. */
PyObject *pr_run_interruptible(void (*work)(void *arg), PyObject *(*finish)(void *arg),
                               void (*release)(void *arg), void *arg);

/* work(arg), then finish(arg)'s result, then release(arg): when
 * interruptible, as pr_run_interruptible runs them; else here, work with
 * the GIL released.  GIL held on entry. */
PyObject *pr_run(void (*work)(void *arg), PyObject *(*finish)(void *arg), void (*release)(void *arg),
                 void *arg, int interruptible);

/* A library call that answers one uint64_t from up to four uint64_t
 * arguments (pascalrow_comb_mod, pascalrow_row_sum_mod): status = call(args,
 * &value).  Its cost (in steps, as the library's _cost functions count
 * them) picks where it runs: from PR_INTERRUPTIBLE_COST steps on (about a
 * millisecond), as pr_run_interruptible runs work; below, here with the GIL
 * released.  Returns the value as an int, or NULL with the exception (the
 * call's status raised, or KeyboardInterrupt). */
#define PR_INTERRUPTIBLE_COST 1000000.0
typedef int pr_u64_call(const uint64_t *args, uint64_t *value);
PyObject *pr_call_u64(pr_u64_call *call, const uint64_t args[4], double cost);

/* The same for a call taking up to three integers of any size (as mpz_t,
 * copied from ints objs[0..nobjs) before the call, so that an abandoned call
 * owns its arguments) and a modulus: status = call(z, m, &value)
 * (pascalrow_comb_mod_mpz, pascalrow_row_sum_mod_mpz). */
typedef int pr_mpz_call(mpz_srcptr const *z, uint64_t m, uint64_t *value);
PyObject *pr_call_mpz(pr_mpz_call *call, PyObject *const *objs, unsigned nobjs, uint64_t m, double cost);

/* Computations abandoned on Ctrl-C and not yet finished (for the tests). */
long pr_abandoned_running(void);

#endif
