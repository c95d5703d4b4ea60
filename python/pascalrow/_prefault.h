/* First touch of a big row's memory, shared with the helper threads.
 *
 * A big row's ints are allocated on one thread, under the GIL (CPython's
 * allocator needs it), and most of that thread's time is not the malloc but
 * the kernel faulting in each fresh page the allocator writes a header to
 * (~1 µs a page; one page per int at n = 5·10⁴), while the helpers compute
 * less than the allocation lasts.  Helpers cannot touch the ints' pages
 * before the ints exist — unless the allocating thread allocates the pages
 * first, for that purpose:
 *
 *   before the walk the caller mallocs the row's worth of blocks; the
 *   caller faults in the first run of them, in the order it needs them,
 *   the helpers the rest (madvise MADV_POPULATE_WRITE); and just before the
 *   ints need the room the caller frees the oldest block, so the allocator
 *   carves the next ints out of memory that is already there.
 *
 * The blocks are all allocated up front because growing the heap (brk)
 * takes the address-space lock for writing, which waits for every fault in
 * progress: interleaving the two cost more than the faults themselves.
 *
 * Only malloc, free and madvise on blocks this code owns, and no write to
 * any of them: whether the ints then land in them is up to the C allocator
 * (glibc's reuses a freed chunk before it grows the heap; blocks are 480 KiB
 * where two of that size come out one after the other, else 120 KiB, under
 * its smallest mmap threshold; if most blocks are not one after the other
 * they were mapped one by one, and the scheme stays off).  Values never
 * depend on any of this, only time does.
 *
 * init, reserve and finish run on the allocating thread (GIL
 * held); pr_prefault_help on any thread, without the GIL. */
#ifndef PASCALROW_PREFAULT_H
#define PASCALROW_PREFAULT_H

#include <stdatomic.h>
#include <stddef.h>

/* Bytes per block: under glibc's smallest mmap threshold (128 KiB); four
 * times that where the allocator serves that from its heap. */
#define PR_PREFAULT_BLOCK ((size_t)120 << 10)

/* Ints of more bytes than this come from the C allocator (pymalloc serves
 * the smaller ones from its own arenas). */
#define PR_PREFAULT_MIN_BYTES 512

typedef struct {
    char **blk;                /* the blocks, in address order; NULL once freed */
    atomic_int *done;          /* done[i]: block i is faulted in */
    size_t nblk;
    size_t bsize;              /* bytes per block */
    size_t split;              /* blocks [0, split): the caller's run; the rest the helpers' */
    atomic_size_t front;       /* the next block to fault in, in each run */
    atomic_size_t back;
    /* the allocating thread's alone, written for every int: a cache line of
     * their own (helpers read the fields above for every value) */
    _Alignas(64) size_t head;  /* the oldest block not yet freed */
    size_t room;               /* estimated faulted-in free bytes ahead of the ints */
    int active;
} pr_prefault;

/* Allocating thread: blocks for ints totalling `total` bytes, to be
 * faulted in by `threads` threads in all (total 0, threads < 2, or any
 * failure: the scheme stays off and every call below is a no-op). */
void pr_prefault_init(pr_prefault *p, size_t total, unsigned threads);

/* Allocating thread: an int of `bytes` bytes is next: free blocks until
 * there is faulted-in room for it (faulting blocks in itself while the
 * oldest is not done). */
void pr_prefault_reserve(pr_prefault *p, size_t bytes);

/* Allocating thread: free every block still held (after any thread still
 * faulting one in is done).  Always called, on success and on failure. */
void pr_prefault_finish(pr_prefault *p);

/* Any thread: whether a block is left to fault in. */
int pr_prefault_pending(pr_prefault *p);

/* Any thread: fault in the next block.  1 if it did, 0 if none is left. */
int pr_prefault_help(pr_prefault *p);

#endif
