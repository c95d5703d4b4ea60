/* First touch of a big row's memory, shared with the helper threads: see
 * _prefault.h for the scheme and why it is safe. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_prefault.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* Chunk header and alignment glibc adds to a request (64-bit). */
#define MALLOC_OVERHEAD 16

/* madvise(MADV_POPULATE_WRITE) faults a range in without writing it (Linux
 * ≥ 5.14).  Nothing here ever writes to memory: where the kernel cannot
 * populate, the ints fault their pages in themselves, as without this. */
static void fault_in(char *blk, size_t len)
{
#ifdef MADV_POPULATE_WRITE
    long ps = sysconf(_SC_PAGESIZE);
    uintptr_t page = ps > 0 ? (uintptr_t)ps : 4096;
    uintptr_t a = ((uintptr_t)blk + page - 1) & ~(page - 1);
    uintptr_t b = ((uintptr_t)blk + len) & ~(page - 1);
    if (b > a) (void)madvise((void *)a, b - a, MADV_POPULATE_WRITE);
#else
    (void)blk;
    (void)len;
#endif
}

/* Blocks a thread takes at a time: one system call each. */
#define HELPER_GROUP 8
#define CALLER_GROUP 1

/* Take the next `group` blocks of one of the two runs, [cursor, end), and
 * fault them in: one call per run of blocks that lie one right after the
 * other (in a fragmented heap some come from holes elsewhere).  0 if the
 * run is over. */
static int take(pr_prefault *p, atomic_size_t *cursor, size_t end, size_t group)
{
    if (atomic_load_explicit(cursor, memory_order_relaxed) >= end) return 0;   /* the common case */
    size_t i = atomic_fetch_add(cursor, group);
    if (i >= end) return 0;
    size_t j = i + group < end ? i + group : end;
    for (size_t q = i; q < j;) {
        size_t r = q + 1;
        while (r < j && p->blk[r] == p->blk[r - 1] + p->bsize + MALLOC_OVERHEAD) r++;
        fault_in(p->blk[q], (size_t)(p->blk[r - 1] - p->blk[q]) + p->bsize);
        q = r;
    }
    for (size_t q = i; q < j; q++) atomic_store_explicit(&p->done[q], 1, memory_order_release);
    return 1;
}

int pr_prefault_help(pr_prefault *p)
{
    return take(p, &p->back, p->nblk, HELPER_GROUP) || take(p, &p->front, p->split, CALLER_GROUP);
}

int pr_prefault_pending(pr_prefault *p)
{
    return atomic_load_explicit(&p->back, memory_order_relaxed) < p->nblk
        || atomic_load_explicit(&p->front, memory_order_relaxed) < p->split;
}

void pr_prefault_init(pr_prefault *p, size_t total, unsigned threads)
{
    p->blk = NULL;
    p->done = NULL;
    p->nblk = p->split = 0;
    atomic_init(&p->front, 0);
    atomic_init(&p->back, 0);
    p->head = 0;
    p->room = 0;
    p->active = 0;
    if (total == 0 || threads < 2) return;
    /* Blocks as big as the allocator still serves from its heap: fewer
     * blocks, fewer calls.  glibc maps requests from its mmap threshold up
     * (128 KiB at first, raised to the size of the largest mapped chunk
     * freed since, up to 32 MiB); two consecutive blocks of a size it
     * serves from the heap lie one right after the other. */
    size_t bsize = PR_PREFAULT_BLOCK * 4;
    char *b0 = PyMem_RawMalloc(bsize), *b1 = PyMem_RawMalloc(bsize);
    if (b0 == NULL || b1 == NULL || b1 - b0 != (ptrdiff_t)(bsize + MALLOC_OVERHEAD)) {
        PyMem_RawFree(b1);
        PyMem_RawFree(b0);
        b0 = b1 = NULL;
        bsize = PR_PREFAULT_BLOCK;
    }
    /* one block more than the ints fill: room for the last of them */
    size_t want = total / bsize + 2;
    char **blk = PyMem_RawCalloc(want, sizeof *blk);
    atomic_int *done = PyMem_RawCalloc(want, sizeof *done);
    size_t n = 0;
    if (blk != NULL && done != NULL) {
        if (b0 != NULL) { blk[n++] = b0; blk[n++] = b1; b0 = b1 = NULL; }
        while (n < want && (blk[n] = PyMem_RawMalloc(bsize)) != NULL) n++;
        for (size_t i = 0; i < n; i++) atomic_init(&done[i], 0);
    }
    PyMem_RawFree(b1);
    PyMem_RawFree(b0);
    /* The blocks must come one after the other from the heap the ints will
     * come from: blocks mapped one by one (an allocator that maps requests
     * this size) would be faulted in for nothing. */
    size_t apart = 0;
    for (size_t i = 1; i < n; i++)
        apart += blk[i] - blk[i - 1] != (ptrdiff_t)(bsize + MALLOC_OVERHEAD);
    if (n < 2 || apart > n / 4) {
        while (n > 0) PyMem_RawFree(blk[--n]);
        PyMem_RawFree(blk);
        PyMem_RawFree((void *)done);
        return;
    }
    p->bsize = bsize;
    p->blk = blk;
    p->done = done;
    p->nblk = n;
    /* the caller faults in the first run, in the order it needs them, the
     * helpers the second, from its start: each thread in its own part of
     * the heap (faults next to another thread's contend on the page
     * tables), and the caller, having allocated its run, finds the helpers'
     * already done */
    p->split = n / threads;
    atomic_store(&p->back, p->split);
    p->active = 1;
}


void pr_prefault_reserve(pr_prefault *p, size_t bytes)
{
    if (!p->active || bytes <= PR_PREFAULT_MIN_BYTES) return;
    size_t need = bytes + MALLOC_OVERHEAD;
    while (p->room < need + MALLOC_OVERHEAD && p->head < p->nblk) {
        size_t i = p->head;
        /* until block i is done: fault in the next one of ours, or a
         * helper's, or wait for the thread faulting in block i */
        while (!atomic_load_explicit(&p->done[i], memory_order_acquire)
               && !take(p, &p->front, p->split, CALLER_GROUP) && !take(p, &p->back, p->nblk, HELPER_GROUP))
            ;
        PyMem_RawFree(p->blk[i]);
        p->blk[i] = NULL;
        p->head++;
        p->room += p->bsize;
    }
    p->room = p->room > need ? p->room - need : 0;
}

void pr_prefault_finish(pr_prefault *p)
{
    p->active = 0;
    if (p->blk == NULL) return;   /* never started, or finished already */
    /* No block may be freed while a thread faults it in.  From here on no
     * thread takes one (both cursors past their ends); every block taken
     * before will be done. */
    size_t front = atomic_exchange(&p->front, (size_t)SIZE_MAX / 2);
    size_t back = atomic_exchange(&p->back, (size_t)SIZE_MAX / 2);
    for (size_t i = p->head; i < p->nblk; i++) {
        if (i < p->split ? i < front : i < back)
            while (!atomic_load_explicit(&p->done[i], memory_order_acquire))
                ;
        PyMem_RawFree(p->blk[i]);
    }
    PyMem_RawFree(p->blk);
    PyMem_RawFree((void *)p->done);
    p->blk = NULL;         /* nblk and split stay: helpers still compare the cursors with them */
    p->done = NULL;
}
