/* Where the binding's computations run: the one run policy, and the long
 * computations that Ctrl-C can interrupt.
 *
 * comb, row_sum, pascal_row and the command line's stream give each of their
 * computations a cost estimate in steps (the unit of the library's _cost
 * functions: about a nanosecond of work on one core), and pr_where_to_run
 * picks where it runs:
 *
 *   PR_HERE_WITH_GIL      below PR_RELEASE_GIL_STEPS (~0.1 ms): on the
 *       calling thread, the GIL held (letting it go and taking it back
 *       costs more than other threads would gain);
 *   PR_HERE_WITHOUT_GIL   below PR_ON_THREAD_STEPS (~1 ms): on the calling
 *       thread, the GIL released;
 *   PR_ON_THREAD          from PR_ON_THREAD_STEPS on: on a thread of its own
 *       (~15 µs to start) that Ctrl-C can abandon, the caller waiting with
 *       the GIL released.
 *
 * Work that polls for Ctrl-C itself (a row's digit walk, a row mod m), or
 * that writes memory the caller owns, runs PR_ON_THREAD's share here
 * without the GIL (pr_release_gil).  pascal_triangle's steps hold the GIL
 * whatever they cost: it is what keeps two threads from stepping one
 * iterator at once.
 *
 * A GMP call cannot be stopped part-way: C(3·10⁸, 1.5·10⁸) runs for
 * seconds with no point at which to check for a signal; nor can a library
 * call with no poll (pascalrow_comb_mod, pascalrow_row_sum_mod, a stream's
 * seed), which may walk up to 1e10 steps.  So such a call runs on
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

/* ------------------------------------------------------ the run policy */

/* The thresholds, in steps. */
#define PR_RELEASE_GIL_STEPS 100000.0
#define PR_ON_THREAD_STEPS 1048576.0            /* 2^20 */

/* How often a caller waiting for a thread checks for signals. */
#define PR_INTERRUPT_POLL_MS 20

typedef enum { PR_HERE_WITH_GIL, PR_HERE_WITHOUT_GIL, PR_ON_THREAD } pr_where;

static inline pr_where pr_where_to_run(double steps)
{
    return steps < PR_RELEASE_GIL_STEPS ? PR_HERE_WITH_GIL
           : steps < PR_ON_THREAD_STEPS ? PR_HERE_WITHOUT_GIL : PR_ON_THREAD;
}

/* For work that stays on the calling thread: whether it lets go of the GIL. */
static inline int pr_release_gil(double steps) { return pr_where_to_run(steps) != PR_HERE_WITH_GIL; }

/* Cost estimates of the computations the library has no _cost function for
 * (its _cost functions cover the modular ones), measured on one core. */

/* `count` values of row n ≥ 68 made by the digit walk: n/20 steps each (a
 * value has at most n bits, written 30 at a time).  Whole rows release the
 * GIL from n = 2000 on (1001 values, 100,100 steps, ~0.05 ms). */
static inline double pr_row_steps(uint64_t n, uint64_t count) { return (double)count * (double)n / 20.0; }

/* C(n, k) of at most `bits` bits by GMP's multiplications: 8 steps a bit
 * (C(4·10^5, 23529), 2^17 bits, in ~0.5 ms); from 2^17 bits on, on a thread
 * of its own. */
static inline double pr_comb_steps(double bits) { return 8.0 * bits; }

/* An exact sum of `count` values of a row, the largest of `bits` bits: a
 * step per 64-bit word of each (row_sum(10^5, 0, 10^4), 10^4 values of up
 * to 46,900 bits, in ~5 ms). */
static inline double pr_row_sum_steps(uint64_t count, uint64_t bits)
{
    return (double)count * ((double)bits / 64.0 + 1.0);
}

/* ------------------------------------------------------------ running */

/* work(arg), then finish(arg)'s result, then release(arg), where `where`
 * says.  Here: work with the GIL held or released, finish and release with
 * it held.  On a thread: work runs without the GIL on a new thread, and the
 * caller waits for it, answering Ctrl-C within about PR_INTERRUPT_POLL_MS.
 * When work has returned, finish(arg) runs on the calling thread with the
 * GIL held and its result is returned.  On an exception from a signal
 * handler, NULL with that exception: work goes on alone and finish is never
 * called.  release(arg) is called exactly once, after work (and finish, if
 * it runs), on whichever thread is last: it must not call Python.  If no
 * thread can be started, work runs here with the GIL released (not
 * interruptible), then finish.  GIL held on entry. */
PyObject *pr_run(void (*work)(void *arg), PyObject *(*finish)(void *arg), void (*release)(void *arg),
                 void *arg, pr_where where);

/* A library call that answers one uint64_t from up to four uint64_t
 * arguments (pascalrow_comb_mod, pascalrow_row_sum_mod): status = call(args,
 * &value), run where its cost (in steps, from the library's _cost
 * functions) says.  Returns the value as an int, or NULL with the exception
 * (the call's status raised, or KeyboardInterrupt). */
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
