/*!
 * @file pascalrow.h
 * @brief libpascalrow — exact binomial coefficients: whole rows of Pascal's
 *        triangle, slices of rows, and single C(n, k).
 *
 * This one header is the whole public C API.
 *
 * Conventions (they hold for every function below):
 *  - Row n is [C(n,0), C(n,1), ..., C(n,n)]: n + 1 values.
 *  - Arguments come in one order: the inputs first — a row n, an index k or
 *    i and a range [start, stop) always as uint64_t, then widths, moduli and
 *    lists — and the output last (an mpz_t, a buffer, or the row a step
 *    updates in place); a callback is followed by its ctx.
 *  - Every fallible function returns an `int` status: ::PASCALROW_OK (0) on
 *    success, or one of the other ::pascalrow_status codes.  No function
 *    aborts, prints, exits or touches global state; all are safe to call from
 *    several threads at once on distinct output buffers.
 *  - Outputs are caller-owned: the caller allocates and frees every buffer
 *    and every `mpz_t`.  The library frees only what it allocated itself,
 *    before returning.  No function returns memory for the caller to free,
 *    and none keeps a pointer it was given after it returns (the walk's
 *    limbs are lent to the callback only during the call).  Each function's
 *    "Memory:" line says the same for its own arguments.
 *  - When a size depends on the value, the function reports it first
 *    (::pascalrow_comb_bytes with a NULL buffer), so a foreign-function
 *    caller allocates, calls, and reads back the exact count written.
 *  - On any status other than ::PASCALROW_OK the contents of the output are
 *    unspecified (but every `mpz_t` in it stays initialised and may be
 *    cleared normally), except where a function documents more.
 *  - Out of memory is a status, never an abort: GMP aborts the process when
 *    one of its allocations fails, so before every GMP call that allocates
 *    (including growing the caller's `mpz_t`) the library checks that the
 *    most that call can need is available (::pascalrow_memory_available) and
 *    returns ::PASCALROW_ENOMEM otherwise.  The check cannot see another
 *    thread of the process taking the memory in between, nor GMP memory
 *    functions the caller installed.
 *
 * Functions that take or give GMP integers (`mpz_t`) are declared only when
 * `<gmp.h>` is available; define `PASCALROW_NO_GMP` before including this
 * header to get the fixed-width and size functions without GMP.
 */
#ifndef PASCALROW_H
#define PASCALROW_H

#include <stddef.h>
#include <stdint.h>

#ifndef PASCALROW_NO_GMP
#  include <gmp.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*! @defgroup public Public API
 *  @{ */

/*! Exported-symbol marker (visibility "default" when built as a shared
 *  library with -fvisibility=hidden). */
#if defined(_WIN32) && defined(PASCALROW_BUILDING_DLL)
#  define PASCALROW_API __declspec(dllexport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define PASCALROW_API __attribute__((visibility("default")))
#else
#  define PASCALROW_API
#endif

/*! @name Version
 *  @{ */
#define PASCALROW_VERSION_MAJOR 0 /*!< major version of this header */
#define PASCALROW_VERSION_MINOR 1 /*!< minor version of this header */
#define PASCALROW_VERSION_PATCH 0 /*!< patch version of this header */
/*! MAJOR * 10000 + MINOR * 100 + PATCH */
#define PASCALROW_VERSION_NUMBER \
    (PASCALROW_VERSION_MAJOR * 10000 + PASCALROW_VERSION_MINOR * 100 + PASCALROW_VERSION_PATCH)
/*! @brief The version of the library actually linked (compare it with
 *  ::PASCALROW_VERSION_NUMBER, the version of this header). */
PASCALROW_API unsigned pascalrow_version_number(void);
/*! @} */

/*! @name Status codes
 *  @{ */
/*! Every fallible function returns one of these (as an `int`). */
typedef enum pascalrow_status {
    PASCALROW_OK = 0,        /*!< success */
    PASCALROW_EINVAL = 1,    /*!< a required pointer is NULL, or an argument is
                                  outside its documented domain */
    PASCALROW_EOVERFLOW = 2, /*!< the exact result does not fit the requested
                                  fixed-width type (u32/u64), or the caller's
                                  buffer is smaller than the size reported;
                                  nothing wrapped was returned as a value */
    PASCALROW_ERANGE = 3,    /*!< n, or a size derived from it, is too large
                                  for size_t arithmetic on this platform */
    PASCALROW_ENOMEM = 4,    /*!< a memory allocation failed */
    PASCALROW_EINTR = 5      /*!< a caller's callback asked to stop */
} pascalrow_status;

/*! @brief A short, static, English description of a status code.
 *  @param status any integer; unknown codes give "unknown pascalrow status".
 *  @return a NUL-terminated string with static storage; never NULL.
 *
 *  Memory: the string belongs to the library; never free or modify it. */
PASCALROW_API const char *pascalrow_strerror(int status);
/*! @} */

/*! @name Memory: the check before a GMP call
 *
 * GMP aborts the process when one of its allocations fails, and its
 * allocation functions can be replaced only for the whole process (every
 * other GMP user in it included), with no way back from a failure but a
 * longjmp through GMP that leaks its temporaries.  So the library checks
 * before it calls GMP instead: a bound on the most the call can hold at once,
 * then this probe.
 * @{ */
/*!
 * @brief Whether `bytes` bytes can be allocated at this moment: one malloc of
 *        that size, freed at once.  The library runs it before every GMP call
 *        that allocates; callers that call GMP themselves (mpz_bin_ui for
 *        n ≥ 2^64, say) run it with their own bound.
 *
 * Why it is enough: GMP allocates through malloc (its default functions).  If
 * one block of `bytes` bytes could be had just before the call, freeing it
 * gives those bytes back — to the heap's free space, or for a large block to
 * the kernel — and GMP's own requests, which never hold more than `bytes`
 * together, fit in the same room: fewer bytes, in the same or smaller pieces,
 * whether the limit is the address space (RLIMIT_AS, RLIMIT_DATA), the
 * kernel's commit limit or the heap.  What it cannot see: another thread of
 * the process taking the memory between the check and the call; GMP memory
 * functions the caller installed with another limit; Linux overcommit (malloc
 * succeeds, and the kernel kills the process later).
 * @param bytes  the most the coming call holds at once; 0 always succeeds.
 * @return ::PASCALROW_OK; ::PASCALROW_ENOMEM if the block cannot be had
 *         (always for more than PTRDIFF_MAX bytes).
 *
 * Memory: one block of `bytes` bytes, allocated and freed before the call
 * returns; nothing is kept.
 */
PASCALROW_API int pascalrow_memory_available(uint64_t bytes);
/*! @} */

/*! @name Fixed-width rows (uint32_t, uint64_t)
 *
 * Row n fits in 32 bits up to n = 34 (C(34,17) = 2333606220 < 2^32,
 * C(35,17) = 4537567650 > 2^32) and in 64 bits up to n = 67
 * (C(67,33) ≈ 1.42e19 < 2^64, C(68,34) ≈ 2.84e19 > 2^64).
 * @{ */
#define PASCALROW_U32_MAX_N 34 /*!< last row whose every value fits uint32_t */
#define PASCALROW_U64_MAX_N 67 /*!< last row whose every value fits uint64_t */

/*!
 * @brief Advance a row in place by one step: row i becomes row i + 1,
 *        using C(i+1, j) = C(i, j) + C(i, j-1).
 *
 * @param i    the index of the row held on entry.
 * @param row  on entry row[0..i] holds row i; the buffer must have room for
 *             i + 2 values.  On ::PASCALROW_OK row[0..i+1] holds row i + 1.
 * @return ::PASCALROW_OK; ::PASCALROW_EOVERFLOW when some value of row i + 1
 *         does not fit the type — the row is then restored to row i exactly,
 *         so the caller may widen it and step again; ::PASCALROW_EINVAL if
 *         row is NULL; ::PASCALROW_ERANGE if i + 2 overflows size_t.
 *
 * Overflow is detected without a per-element branch: the carries of the
 * additions are OR-reduced across the vector.
 *
 * Memory: row is the caller's, read and written in place; nothing is
 * allocated or kept.
 */
PASCALROW_API int pascalrow_step_u32(uint64_t i, uint32_t *row);
/*! @brief ::pascalrow_step_u32 for uint64_t. */
PASCALROW_API int pascalrow_step_u64(uint64_t i, uint64_t *row);

/*!
 * @brief Write row n, C(n,0..n), into out[0..n].
 * @param n    row index.
 * @param out  room for n + 1 values.
 * @return ::PASCALROW_OK; ::PASCALROW_EOVERFLOW when n > ::PASCALROW_U32_MAX_N
 *         (out is not written); ::PASCALROW_EINVAL if out is NULL.
 *
 * Memory: out is the caller's (n + 1 elements); nothing is allocated or kept.
 */
PASCALROW_API int pascalrow_row_u32(uint64_t n, uint32_t *out);
/*! @brief ::pascalrow_row_u32 for uint64_t (limit ::PASCALROW_U64_MAX_N). */
PASCALROW_API int pascalrow_row_u64(uint64_t n, uint64_t *out);

/*!
 * @brief *out = C(n, k) when it fits uint64_t (0 when k > n).
 *
 * A few nanoseconds, any n: C(n, k) < 2^64 is computed modulo 2^64, where
 * odd numbers are invertible, with the powers of two counted apart —
 * a table of odd parts of factorials for n ≤ ::PASCALROW_U64_MAX_N, past it
 * the product of min(k, n − k) ≤ 33 odd parts.  Whether it fits is decided
 * first, from n and min(k, n − k), so nothing wrapped is ever returned.
 * For n ≤ ::PASCALROW_U64_MAX_N nothing branches on k: pairs with k > n
 * mixed at random among the others (a grid of n and k) cost no
 * mispredictions.
 * @return ::PASCALROW_OK; ::PASCALROW_EOVERFLOW if C(n, k) ≥ 2^64 (*out is
 *         not written); ::PASCALROW_EINVAL if out is NULL.
 *
 * Memory: nothing is allocated; the library's static tables (about 1 kB,
 * filled when the library is loaded) are only read, from any number of
 * threads.
 */
PASCALROW_API int pascalrow_comb_u64(uint64_t n, uint64_t k, uint64_t *out);
/*! @} */

/*! @name Sizes (decide before allocating)
 * @{ */
/*!
 * @brief An upper bound on the bit length of C(n, k), never below the true
 *        bit length; 0 when k > n (C(n,k) = 0).
 *
 * Cheap (a few logarithms: Stirling's formula with Robbins' bounds); exact
 * to within a few bits plus a relative 1e-12, so it can size buffers and refuse impossible requests
 * before any work starts.
 */
PASCALROW_API uint64_t pascalrow_comb_bits_bound(uint64_t n, uint64_t k);

/*!
 * @brief An estimate of the total number of bits in the distinct half of
 *        row n, Σ_{k ≤ n/2} bitlen C(n,k) ≈ 0.36·n² (a whole row holds about
 *        twice that).  Never below the true total by more than 1%.
 * @return the estimate, saturated at UINT64_MAX.
 */
PASCALROW_API uint64_t pascalrow_row_half_bits(uint64_t n);

/*!
 * @brief Clip the slice [*start, *stop) to row n, as every function taking
 *        a slice does: *stop is lowered to n + 1, and an empty slice (*start
 *        ≥ *stop after that) gets *stop = *start, so that *stop − *start is
 *        always the number of values the slice has.
 * @param n      the row, n < 2^64 − 1 (row n has the n + 1 values k = 0..n).
 * @param start  the first k; left as it is.
 * @param stop   one past the last k.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if start or stop is NULL;
 *         ::PASCALROW_ERANGE if n = UINT64_MAX (nothing is changed).
 *
 * Memory: reads and writes only *start and *stop.
 */
PASCALROW_API int pascalrow_clip_range(uint64_t n, uint64_t *start, uint64_t *stop);

/*!
 * @brief An upper bound on the bit length of the largest value of the slice
 *        [start, stop) of row n (stop clipped to n + 1): that of
 *        ::pascalrow_comb_bits_bound at the k of the slice nearest n/2 (the
 *        row rises to its middle and falls after it).
 * @return the bound; 0 for an empty slice or n = UINT64_MAX.
 */
PASCALROW_API uint64_t pascalrow_slice_bits_bound(uint64_t n, uint64_t start, uint64_t stop);

/*!
 * @brief An upper bound on the bit length of Σ_{start ≤ k < stop} C(n, k)
 *        (stop clipped to n + 1), the result of ::pascalrow_row_sum_mpz:
 *        ::pascalrow_slice_bits_bound plus 66 (a sum of fewer than 2^64
 *        values, with room), never above n + 1 (the whole row is 2^n).
 * @return the bound; 0 for an empty slice or n = UINT64_MAX.
 */
PASCALROW_API uint64_t pascalrow_row_sum_bits_bound(uint64_t n, uint64_t start, uint64_t stop);
/*! @} */

/*! @name Big integers: streaming walk over a row (no GMP types)
 *
 * The engine behind every exact row: it walks C(n,k) for k in [start, stop)
 * with one scratch buffer, handing each value to a callback as 64-bit
 * little-endian limbs.  Nothing is allocated per value; the callback copies
 * what it needs (into an mpz_t, a Python int, bytes...).
 * @{ */
/*!
 * @brief Receives one value C(n, k) during ::pascalrow_walk.
 * @param ctx     the caller's pointer, passed through.
 * @param k       the index of the value.
 * @param limbs   the value as nlimbs little-endian 64-bit limbs, the top limb
 *                non-zero (C(n,k) > 0 for k ≤ n); valid only during the call.
 * @param nlimbs  number of limbs, ≥ 1.
 * @return 0 to go on; any other value stops the walk, which then returns
 *         ::PASCALROW_EINTR.
 *
 * Memory: limbs belongs to the walk and is reused for the next value; copy
 * it, never free it or keep the pointer.
 */
typedef int (*pascalrow_sink)(void *ctx, uint64_t k, const uint64_t *limbs, size_t nlimbs);

/*!
 * @brief Call sink(ctx, k, C(n,k)) for k = start, start+1, ..., stop-1 in order.
 *
 * Cost: one multiplication and one exact division of the current value by a
 * word per step (C(n,k+1) = C(n,k)·(n−k)/(k+1)), plus computing C(n,start)
 * once.  Values past the middle are computed, not mirrored: to build a whole
 * row, walk [0, n/2 + 1) and use C(n,k) = C(n,n−k).
 *
 * @param n      the row, any n < 2^64.
 * @param start  first k; stop is clipped to n + 1, and start ≥ stop walks
 *               nothing and returns ::PASCALROW_OK.
 * @param stop   one past the last k.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if sink is NULL;
 *         ::PASCALROW_ENOMEM; ::PASCALROW_ERANGE if a value's size does not
 *         fit size_t; ::PASCALROW_EINTR if the sink returned non-zero.
 *
 * Memory: the walk allocates one scratch buffer and frees it before it
 * returns, whatever the status; ctx stays the caller's.
 */
PASCALROW_API int pascalrow_walk(uint64_t n, uint64_t start, uint64_t stop,
                                 pascalrow_sink sink, void *ctx);
/*! @} */

/*! @name Big integers: straight into a caller's digit arrays, on several threads
 *
 * The same walk, handing each value out as little-endian digits of
 * `digit_bits` bits (one per uint32_t) written where the caller says: a
 * bignum library's own digit array (CPython's int uses 30-bit digits), with
 * no copy in between.  The k range can be split across threads.
 * @{ */
/*!
 * @brief Says where to write C(n, k): called once per value with its digit
 *        count, before the digits are written.
 * @param ctx      the caller's pointer, passed through.
 * @param k        the index of the value.
 * @param ndigits  the number of digits C(n,k) has (the top one non-zero),
 *                 ≥ 1; 0 only for ::pascalrow_comb_digits with k > n.
 * @return room for ndigits uint32_t, which the library fills before it
 *         returns; or NULL to stop (the call then returns ::PASCALROW_EINTR).
 *
 * With nthreads > 1 it is called from several threads at once, each k once,
 * in increasing k within each thread's segment but in no global order.
 */
typedef uint32_t *(*pascalrow_digits_dest)(void *ctx, uint64_t k, size_t ndigits);

/*!
 * @brief Called once by ::pascalrow_walk_digits (when its range is not
 *        empty) on the calling thread, after the helper threads have started
 *        and before the calling thread asks for any value: the place to get
 *        the destinations ready while the helpers already compute (dest may
 *        wait for it).
 * @param ctx  the caller's pointer, passed through.
 * @return 0 to go on; non-zero stops the walk (::PASCALROW_EINTR) — dest
 *         calls waiting on the preparation must then return NULL.
 */
typedef int (*pascalrow_digits_prepare)(void *ctx);

/*!
 * @brief Write C(n,k) for every k in [start, stop) as digit_bits-bit digits
 *        into the places dest gives, using up to nthreads threads.
 *
 * The range is cut into segments of about equal work, each seeded with its
 * own C(n,a); the calling thread and nthreads − 1 helper threads (POSIX
 * threads, joined before return) take them in turn, the calling thread once
 * prepare (if given) has returned.  If dest returns NULL in any thread, every
 * thread stops at its next value.
 *
 * @param n           the row, any n < 2^64.
 * @param start       first k; stop is clipped to n + 1; start ≥ stop writes nothing.
 * @param stop        one past the last k.
 * @param digit_bits  bits per digit, 1 to 32 (30 is the fast path).
 * @param nthreads    threads to use at most; 0 or 1 = the calling thread only.
 *                    Small ranges use fewer.
 * @param dest        where each value goes (see ::pascalrow_digits_dest).
 * @param prepare     NULL, or called once as ::pascalrow_digits_prepare says.
 * @param ctx         passed to dest and prepare.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if dest is NULL or digit_bits is
 *         out of range; ::PASCALROW_ENOMEM; ::PASCALROW_ERANGE if a size does
 *         not fit size_t; ::PASCALROW_EINTR if dest returned NULL or
 *         prepare non-zero.
 */
PASCALROW_API int pascalrow_walk_digits(uint64_t n, uint64_t start, uint64_t stop,
                                        unsigned digit_bits, unsigned nthreads,
                                        pascalrow_digits_dest dest,
                                        pascalrow_digits_prepare prepare, void *ctx);

/*!
 * @brief Upper bounds on the digit counts ::pascalrow_walk_digits will ask
 *        for: out[k − start] ≥ the number of digit_bits-bit digits of C(n,k)
 *        for k in [start, stop) (stop clipped to n + 1).
 *
 * O(1) per value (a running sum of log2((n−k)/(k+1))), never below the true
 * count and above it by at most one digit for every n < 2^40: enough to
 * allocate every output before the walk starts.
 * @param out  room for (clipped stop − start) values.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL or digit_bits is
 *         not 1 to 32; ::PASCALROW_ERANGE if n = 2^64 − 1.
 */
PASCALROW_API int pascalrow_digits_bounds(uint64_t n, uint64_t start, uint64_t stop,
                                          unsigned digit_bits, size_t *out);

/*!
 * @brief Write C(n, k) as digit_bits-bit digits into the place dest gives
 *        (dest is called once, with k; with ndigits = 0 when k > n).
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if dest is NULL or digit_bits is
 *         not 1 to 32; ::PASCALROW_EINTR if dest returned NULL.
 */
PASCALROW_API int pascalrow_comb_digits(uint64_t n, uint64_t k, unsigned digit_bits,
                                        pascalrow_digits_dest dest, void *ctx);

/*!
 * @brief The number of digit_bits-bit digits of the value limbs[0..nlimbs)
 *        (64-bit little-endian limbs, as ::pascalrow_sink receives them and
 *        a GMP mpz_t holds them): ⌈bit length / digit_bits⌉.
 * @param limbs       the value; its top limb limbs[nlimbs − 1] is non-zero
 *                    (zero top limbs are skipped: they add no digits).
 * @param nlimbs      number of limbs; 0 is the value 0.
 * @param digit_bits  bits per digit, 1 to 32.
 * @return the count: 0 for the value 0, and for a NULL limbs or a digit_bits
 *         that is not 1 to 32.
 *
 * Memory: reads only limbs[0..nlimbs); nothing is allocated or kept.
 */
PASCALROW_API size_t pascalrow_digit_count(const uint64_t *limbs, size_t nlimbs,
                                           unsigned digit_bits);

/*!
 * @brief Write the value limbs[0..nlimbs) into out as its
 *        pascalrow_digit_count(limbs, nlimbs, digit_bits) little-endian
 *        digits of digit_bits bits, one per uint32_t: the repack of
 *        ::pascalrow_walk_digits for any caller's limbs (an mpz_t's
 *        mpz_limbs_read into a CPython int's 30-bit digits, say).
 *
 * 30-bit digits take the walk's fast path (with AVX2 where the CPU has it)
 * for all but at most the last 8 digits, which are written one by one: no
 * byte past limbs[nlimbs − 1] is read, so the array needs no slack.
 * @param limbs       the value (zero top limbs are skipped).
 * @param nlimbs      number of limbs; 0 writes nothing.
 * @param digit_bits  bits per digit, 1 to 32.
 * @param out         room for pascalrow_digit_count(limbs, nlimbs, digit_bits)
 *                    digits, not overlapping limbs.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if digit_bits is not 1 to 32, or
 *         if limbs or out is NULL while nlimbs > 0.
 *
 * Memory: reads only limbs[0..nlimbs) and writes only the digits; nothing is
 * allocated or kept.
 */
PASCALROW_API int pascalrow_limbs_to_digits(const uint64_t *limbs, size_t nlimbs,
                                            unsigned digit_bits, uint32_t *out);
/*! @} */

/*! @name Big integers as bytes (no GMP types; for FFI callers)
 *
 * Exact values of any size through plain byte buffers, for callers that
 * cannot use mpz_t (ctypes, cffi, other languages).
 * @{ */
/*!
 * @brief C(n, k) exactly, as little-endian magnitude bytes (byte 0 is the
 *        least significant); C(n, k) = 0 for k > n is written as no bytes.
 *
 * Two calls, nothing to free:
 *  1. `pascalrow_comb_bytes(n, k, NULL, 0, &size)` stores in size a buffer
 *     size that is always enough (from the bit-length bound
 *     ::pascalrow_comb_bits_bound: a few bits over the exact length, rounded
 *     up to whole bytes), without computing the value;
 *  2. `pascalrow_comb_bytes(n, k, buf, size, &written)` writes the value into
 *     buf[0 .. written−1], the top byte non-zero, and stores the exact count.
 *
 * In Python: `int.from_bytes(buf[:written], "little")`.
 *
 * @param n, k     any values; k > n gives 0 (written = 0).
 * @param buf      the caller's buffer, or NULL to ask for the size.
 * @param buflen   the size of buf in bytes (ignored when buf is NULL).
 * @param written  required: receives the size (query) or the count written.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if written is NULL;
 *         ::PASCALROW_EOVERFLOW if buflen is less than the size the query
 *         reports — then *written is that size and buf is not written (even
 *         if the value might have fitted: pass at least the reported size);
 *         ::PASCALROW_ERANGE if the size does not fit size_t (only where
 *         size_t is narrower than 64 bits); ::PASCALROW_ENOMEM if the
 *         memory GMP needs to compute the value is not available (buf is
 *         then not written).  On any other error *written is 0.
 *
 * Memory: buf is the caller's; the value is computed in GMP's memory, freed
 * before the call returns.  Cost: one mpz_bin_uiui.
 */
PASCALROW_API int pascalrow_comb_bytes(uint64_t n, uint64_t k, unsigned char *buf,
                                       size_t buflen, size_t *written);
/*! @} */

#ifndef PASCALROW_NO_GMP
/*! @name Big integers: GMP (mpz_t)
 * @{ */
/*!
 * @brief Write row n into out[0..n], exactly, for any n.
 *
 * Computes only the half k ≤ n/2 (C(n,k) = C(n,n−k)) by the multiplicative
 * recurrence, O(n · size of the row) word operations.
 * @param out  n + 1 initialised mpz_t (e.g. by mpz_init).
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL;
 *         ::PASCALROW_ERANGE if n + 1 overflows size_t; ::PASCALROW_ENOMEM.
 *
 * Memory: out and its mpz_t are the caller's (GMP may reallocate their limbs,
 * as any mpz_set does); the caller clears them with mpz_clear.
 */
PASCALROW_API int pascalrow_row_mpz(uint64_t n, mpz_t *out);

/*!
 * @brief Write C(n,k) for k in [start, stop) into out[0 .. stop−start−1],
 *        without computing the rest of the row.
 *
 * stop is clipped to n + 1; start ≥ stop writes nothing.  Each distinct
 * value is computed once: the walk covers ::pascalrow_slice_hull, a value
 * past the middle is a copy of its mirror (C(n,k) = C(n,n−k)), exactly as
 * ::pascalrow_row_mpz, which is the slice [0, n + 1).
 * @param out  (clipped stop − start) initialised mpz_t.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL;
 *         ::PASCALROW_ERANGE if n = UINT64_MAX; ::PASCALROW_ENOMEM.
 *
 * Memory: as ::pascalrow_row_mpz.
 */
PASCALROW_API int pascalrow_slice_mpz(uint64_t n, uint64_t start, uint64_t stop, mpz_t *out);

/*!
 * @brief out = Σ_{start ≤ k < stop} C(n, k), exactly, without holding the
 *        slice's values.
 *
 * stop is clipped to n + 1; start ≥ stop gives 0.  The whole row is 2^n
 * (Σ_k C(n,k) = 2^n), with no walk.  Otherwise the values come from
 * ::pascalrow_walk, each distinct one once (C(n,k) = C(n,n−k): a value
 * whose mirror is in the slice too counts twice), added into a sum of at
 * most n + 1 bits as they pass; when the rest of the row folds onto a
 * shorter walk than the slice, that is walked instead and the sum is
 * 2^n − Σ_{rest}.  Cost: at most the walk of ::pascalrow_slice_mpz over the
 * same slice, plus one addition per value; one thread.
 * @param out  an initialised mpz_t.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL;
 *         ::PASCALROW_ERANGE if n = UINT64_MAX or 2^n does not fit size_t
 *         arithmetic; ::PASCALROW_ENOMEM (out is then unchanged).
 *
 * Memory: scratch of a few values of the sum's size, freed before the
 * function returns; out is the caller's (GMP may reallocate its limbs).
 */
PASCALROW_API int pascalrow_row_sum_mpz(uint64_t n, uint64_t start, uint64_t stop, mpz_t out);

/*!
 * @brief out = C(n, k), exactly; 0 when k > n.
 *
 * With j = min(k, n − k) (C(n,k) = C(n,n−k)): for j ≤ 200, GMP's
 * mpz_bin_uiui (a product of a few limbs and an exact division).  Above
 * that, the prime factorisation of C(n,k), whose exponents are Kummer's
 * carry counts: for j ≥ n/11 every prime ≤ n from a segmented sieve
 * (exponent 1 above n − j, 0 in (n/2, n − j], 0 or 1 in (√n, n/2]); for
 * smaller j, any n < 2^64, the numerator n(n−1)…(n−j+1) with every prime
 * ≤ j divided out, times those primes' powers.  The factors, packed into
 * 64-bit words, are multiplied in a balanced product tree (GMP's
 * multiplications), O(M(L) log L) for an L-bit value: C(10^7, 10^7/17) in
 * about 35 ms.  One thread: the calling one (see
 * ::pascalrow_comb_mpz_threads).
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL;
 *         ::PASCALROW_ENOMEM if the memory the computation needs is not
 *         available (out is then unchanged).
 *
 * Memory: out is the caller's initialised mpz_t (cleared by the caller).
 * The computation holds at most about 12 times the value's size at once in
 * GMP's integers and scratch, plus its tables (4 to 8 bytes per prime up to
 * min(k, n − k) or √n, and 160 KiB of sieve segments), all allocated
 * through GMP's memory functions and freed before the return.
 */
PASCALROW_API int pascalrow_comb_mpz(uint64_t n, uint64_t k, mpz_t out);

/*!
 * @brief out = C(n, k), exactly, as ::pascalrow_comb_mpz, on up to nthreads
 *        threads; 0 when k > n.
 *
 * The work is cut into parts, each part's product made on its own thread:
 * for the prime sieve up to n, the product tree's factors, into nthreads
 * runs of about equal bits (the sieve itself runs on the calling thread);
 * for the stripped numerator, the numbers n − j + 1 .. n, into up to 4
 * ranges, each stripped and multiplied on its thread.  Then the products
 * are multiplied in pairs, a level at a time, the pairs of a level in
 * parallel; the last multiplication X·Y is split in two (X's low and high
 * halves times Y) on two threads.  The small cases (min(k, n − k) ≤ 200,
 * values under 2^17 bits) run on the calling thread alone.  The calling
 * thread and up to nthreads − 1 helper threads (POSIX threads, all joined
 * before the return, also on failure); a helper that cannot be created
 * leaves its work to the calling thread.  The result is the same for every
 * nthreads.
 * @param nthreads  threads to use at most; 0 or 1 = the calling thread only;
 *                  more than 64 count as 64.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL;
 *         ::PASCALROW_ENOMEM if the memory the computation needs is not
 *         available (out is then unchanged).
 *
 * Memory: as ::pascalrow_comb_mpz, for any nthreads (the threads' stacks
 * aside); out is written only by the calling thread, after the helpers
 * have finished.
 */
PASCALROW_API int pascalrow_comb_mpz_threads(uint64_t n, uint64_t k, unsigned nthreads, mpz_t out);
/*! @} */
#endif /* PASCALROW_NO_GMP */

/*! @name Fixed-width slices of any row
 *
 * The ends of a big row are small: C(n,k) for k near 0 or n fits 32 or 64
 * bits long after the middle of the row has stopped fitting.
 * @{ */
/*!
 * @brief The range [*lo, *hi) of k ≤ n/2 whose values cover the slice
 *        [start, stop) of row n, by C(n,k) = C(n,n−k).
 *
 * Each k in [*lo, *hi) is needed by the slice at k, at n − k, or both: the
 * value C(n,k) belongs at position k − start when start ≤ k < stop, and at
 * n − k − start when n − k ≠ k and start ≤ n − k < stop.  Walking [*lo, *hi)
 * (::pascalrow_walk) and placing each value that way fills the slice with
 * every distinct value computed once; the range has no gap and is never
 * longer than the slice.  stop is clipped to n + 1; an empty slice gives
 * *lo = *hi = 0.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if lo or hi is NULL;
 *         ::PASCALROW_ERANGE if n = UINT64_MAX.
 */
PASCALROW_API int pascalrow_slice_hull(uint64_t n, uint64_t start, uint64_t stop,
                                       uint64_t *lo, uint64_t *hi);

/*!
 * @brief Write C(n,k) for k in [start, stop) into out[0 .. stop−start−1] as
 *        uint64_t, for any n < 2^64 − 1.
 *
 * stop is clipped to n + 1; start ≥ stop writes nothing.  The values come
 * from ::pascalrow_walk over ::pascalrow_slice_hull (each computed once,
 * C(n,k) = C(n,n−k)); a slice whose largest value is far beyond 64 bits (by
 * the bound of ::pascalrow_comb_bits_bound) is refused before any work.
 * @param out  room for (clipped stop − start) values.
 * @return ::PASCALROW_OK; ::PASCALROW_EOVERFLOW when some value of the slice
 *         does not fit (out is then unspecified); ::PASCALROW_EINVAL if out is
 *         NULL; ::PASCALROW_ERANGE if n = UINT64_MAX; ::PASCALROW_ENOMEM.
 */
PASCALROW_API int pascalrow_slice_u64(uint64_t n, uint64_t start, uint64_t stop, uint64_t *out);
/*! @brief ::pascalrow_slice_u64 for uint32_t (values below 2^32). */
PASCALROW_API int pascalrow_slice_u32(uint64_t n, uint64_t start, uint64_t stop, uint32_t *out);
/*! @} */

/*! @name Rows and coefficients modulo m (any 1 ≤ m ≤ PASCALROW_MOD_MAX)
 *
 * Correct for every modulus, prime or not: 12, 27 (C(28,3) mod 27 = 9, which
 * Lucas' theorem applied to 27 gets wrong), 2^32, 10^9 + 6, primes near 2^63.
 * Products are exact 128-bit products (`unsigned __int128`), reduced by
 * multiplying with a precomputed reciprocal of m (Möller–Granlund), not by
 * a division.
 *
 * How (src/mod*.c): m is factored (src/factor.c: Miller–Rabin, Pollard–Brent
 * rho).  The walk keeps C(n,k) = U·Π p_i^{e_i} with U a unit mod m and p_i
 * the primes of m that are ≤ n, stepping C(n,k+1) = C(n,k)·(n−k)/(k+1): the
 * p_i are stripped from (n−k) and (k+1) into the exponents, the cofactors
 * multiply U, and the divisions become one modular inverse per block of
 * values (Montgomery's batch inversion), several runs of a block side by
 * side so that their products overlap.  About 4 modular products per value,
 * one more when m has prime factors ≤ n (and one per further such prime).
 * When no prime of m is ≤ n and m is odd, the products are Montgomery's
 * (32-bit ones in AVX2 lanes for m < 2^31, where the CPU has AVX2); when 2
 * is the only such prime, m = 2^a·o is split by the Chinese remainder
 * theorem into o (as above) and 2^a (wrap-around products modulo 2^64).
 * When every prime power q = p^a of m is small (q ≤ 4096 and a table period
 * p^c ≤ 2^16, as for 720720 = 2^4·3^2·5·7·11·13) and the walk is long
 * enough to pay for the tables (at most 1 MiB, on the heap), each q is
 * walked apart in logarithms: v_p and the discrete log of the p-free part
 * of C(n,k) mod q, sums of prefix tables periodic in k, so that a value
 * costs a few table reads per prime power and no product; the Chinese
 * remainder theorem joins them.
 *
 * Starting deep in a row needs C(n, a) mod m first.  Two ways, the cheaper
 * is taken (both costs are known before starting):
 *  - walk from k = 0 (or from k = n, by C(n,k) = C(n,n−k)): a steps;
 *  - per prime power q = p^e of m, Granville's theorem (the p-free part of
 *    n! is Π_j (⌊n/p^j⌋!)_p, and (N!)_p ≡ (±1)^{⌊N/q⌋}·((N mod q)!)_p mod q),
 *    then the Chinese remainder theorem: at most about log_p n ranges of
 *    products of length < q each — for q = p prime it is Lucas' theorem,
 *    costing Σ_j min(k_j, n_j − k_j) over the base-p digits.  Cheap when the
 *    prime powers of m are small, whatever n is.
 * So a slice [a, b) of row n costs O(b − a + min(a', G)) modular products,
 * a' = distance of the slice from the nearer end of the row, G the Granville
 * cost above (≤ Σ q·log_p n; its long products run in Montgomery form, four
 * chains at once).  Rows below 128 use the additive step instead.  Both costs
 * can be out of reach (deep in a row near 2^60 modulo 3^30): the counts
 * ::pascalrow_slice_mod_cost and ::pascalrow_comb_mod_cost say so before
 * any work, so that callers can refuse.
 * @{ */
/*! The largest modulus accepted, 2^63 − 1: below it a + b never wraps. */
#define PASCALROW_MOD_MAX ((uint64_t)INT64_MAX)

/*! A cost (::pascalrow_slice_mod_cost and the other `_cost` functions, in
 *  steps of a few modular products) past practical reach: about a minute
 *  of work.  The library computes whatever it is asked; callers that must
 *  answer promptly refuse requests that cost more (the Python binding
 *  does). */
#define PASCALROW_MOD_COST_LIMIT ((uint64_t)10000000000)

/*! The most threads ::pascalrow_slice_mod_threads runs: a larger nthreads
 *  counts as this.  (The Python binding's thread setting stops here too.) */
#define PASCALROW_MAX_THREADS 256

/*! The fewest values a thread of ::pascalrow_slice_mod_threads takes: a
 *  shorter slice runs on fewer threads (below it, a thread costs more than
 *  it gives). */
#define PASCALROW_MIN_VALUES_PER_THREAD 65536

/*!
 * @brief Advance a row modulo m in place by one step, as ::pascalrow_step_u64:
 *        C(i+1, j) ≡ C(i, j) + C(i, j−1) (mod m).
 *
 * Same loop as the fixed-width step, the sum reduced by a conditional
 * subtraction of m (no division, no branch: it vectorizes).
 * @param i    the index of the row held on entry.
 * @param m    the modulus, 1 ≤ m ≤ ::PASCALROW_MOD_MAX.
 * @param row  on entry row[0..i] holds row i mod m, values in [0, m); room for
 *             i + 2 values.  On return row[0..i+1] holds row i + 1 mod m.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if row is NULL or m is out of
 *         range; ::PASCALROW_ERANGE if i + 2 overflows size_t.
 */
PASCALROW_API int pascalrow_step_mod(uint64_t i, uint64_t m, uint64_t *row);

/*!
 * @brief Write C(n,k) mod m for k in [start, stop) into
 *        out[0 .. stop−start−1], values in [0, m).
 *
 * stop is clipped to n + 1; start ≥ stop writes nothing.  Values on both
 * sides of the middle are computed once (C(n,k) = C(n,n−k)).  Cost: see the
 * group description.
 * @param n    the row, n < 2^64 − 1.
 * @param m    the modulus, 1 ≤ m ≤ ::PASCALROW_MOD_MAX.
 * @param out  room for (clipped stop − start) values.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL or m is out of
 *         range; ::PASCALROW_ERANGE if n = UINT64_MAX or the length does not
 *         fit size_t.  About 64 kB of stack; nothing else is allocated
 *         but, for a modulus of small prime powers and a long walk, the
 *         tables of the walk in logarithms (at most 1 MiB, freed before
 *         the return; if they cannot be had, the other walk is taken).
 */
PASCALROW_API int pascalrow_slice_mod(uint64_t n, uint64_t start, uint64_t stop,
                                      uint64_t m, uint64_t *out);

/*!
 * @brief Asked by ::pascalrow_slice_mod_threads, on the calling thread only,
 *        about once a millisecond of work, whether to go on.
 * @param ctx  the caller's pointer, passed through.
 * @return 0 to go on; non-zero stops every thread at its next chunk of
 *         values (the call then returns ::PASCALROW_EINTR).
 */
typedef int (*pascalrow_poll)(void *ctx);

/*!
 * @brief ::pascalrow_slice_mod on up to nthreads threads, stoppable.
 *
 * The slice's lower-half range is cut into one part per thread (parts of
 * at least ::PASCALROW_MIN_VALUES_PER_THREAD values: short slices use
 * fewer threads).  The first part
 * starts from C(n, a) mod m as ::pascalrow_slice_mod does, seeded on the
 * calling thread.  The thread of each other part first walks the part
 * before it from 1 in place of the unit part U of its first value (the
 * powers of m's primes are known at once: Kummer), which gives the ratio
 * of U across that part, without values; once the first part's seed and
 * the ratios before its own part are known, U at its start is their
 * product and it walks its part, values and all.  Later parts are shorter
 * by what their ratio walk costs, so that the threads end together.  The
 * calling thread and nthreads − 1
 * helper threads (POSIX threads, joined before return, also on
 * ::PASCALROW_EINTR) write only into out; a thread that cannot be created
 * leaves its part to the calling thread.  The results equal
 * ::pascalrow_slice_mod's for every nthreads.
 * @param n         the row, n < 2^64 − 1.
 * @param m         the modulus, 1 ≤ m ≤ ::PASCALROW_MOD_MAX.
 * @param nthreads  threads to use at most; 0 or 1 = the calling thread only;
 *                  more than ::PASCALROW_MAX_THREADS count as that.
 * @param poll      NULL, or called as ::pascalrow_poll says (also while the
 *                  first part's seed is made, however it is made, and while
 *                  the calling thread waits for the helpers).
 * @param ctx       passed to poll.
 * @param out       room for (clipped stop − start) values.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL or m is out of
 *         range; ::PASCALROW_ERANGE if n = UINT64_MAX or the length does not
 *         fit size_t; ::PASCALROW_EINTR if poll returned non-zero (out then
 *         holds unspecified values).  Nothing is allocated but the threads
 *         (about 64 kB of stack on the calling thread, 40 kB on each helper)
 *         and the tables ::pascalrow_slice_mod may allocate (shared by the
 *         threads).
 *  Memory: out is written until the call returns, never after.
 */
PASCALROW_API int pascalrow_slice_mod_threads(uint64_t n, uint64_t start, uint64_t stop, uint64_t m,
                                              unsigned nthreads, pascalrow_poll poll, void *ctx,
                                              uint64_t *out);

/*!
 * @brief *out = C(n, k) mod m; 0 when k > n.
 *
 * Each prime power q of m whose prime divides C(n,k) at least as often as it
 * divides m (Kummer: carries adding k and n − k in base p) contributes 0
 * without further work; the others are computed by the cheaper of the walk
 * from the nearer end and Granville/Lucas (see the group description).
 * @param m  the modulus, 1 ≤ m ≤ ::PASCALROW_MOD_MAX.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL or m is out of
 *         range.
 */
PASCALROW_API int pascalrow_comb_mod(uint64_t n, uint64_t k, uint64_t m, uint64_t *out);

/*!
 * @brief *out = Σ_{start ≤ k < stop} C(n, k) mod m, in [0, m).
 *
 * stop is clipped to n + 1; start ≥ stop gives 0.  The whole row is
 * 2^n mod m (Σ_k C(n,k) = 2^n; square and multiply).  Otherwise the walk of
 * ::pascalrow_slice_mod sums the values as it meets them, each distinct one
 * once (C(n,k) = C(n,n−k): counted twice when its mirror is in the slice),
 * over the slice — or over the rest of the row, for 2^n − Σ_{rest}, when
 * that is cheaper (::pascalrow_row_sum_mod_cost counts both).
 * @param n    the row, n < 2^64 − 1.
 * @param m    the modulus, 1 ≤ m ≤ ::PASCALROW_MOD_MAX.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL or m is out of
 *         range; ::PASCALROW_ERANGE if n = UINT64_MAX.  Nothing is
 *         allocated but the tables ::pascalrow_slice_mod may allocate.
 */
PASCALROW_API int pascalrow_row_sum_mod(uint64_t n, uint64_t start, uint64_t stop,
                                        uint64_t m, uint64_t *out);

/*!
 * @brief How much work ::pascalrow_slice_mod(n, start, stop, m, …) does, in
 *        steps of a few modular products, counted without doing it.
 *
 * The slice's own values plus the cheaper seed (see the group description).
 * Some requests are out of reach (a slice deep in a row near 2^60 modulo a
 * large prime power such as 3^30 costs ~3^30 steps either way): callers that
 * must answer promptly can refuse those first.  Costs the factoring of m
 * (Pollard rho: at most milliseconds).
 * @return the count, saturated at UINT64_MAX; 0 for an empty slice, m = 1
 *         or an invalid argument.
 */
PASCALROW_API uint64_t pascalrow_slice_mod_cost(uint64_t n, uint64_t start, uint64_t stop, uint64_t m);
/*! @brief ::pascalrow_slice_mod_cost for ::pascalrow_row_sum_mod(n, start, stop, m, …):
 *  the cheaper of the slice's walk with its seed and the walk over the rest
 *  of the row, plus the bits of n for 2^n. */
PASCALROW_API uint64_t pascalrow_row_sum_mod_cost(uint64_t n, uint64_t start, uint64_t stop, uint64_t m);
/*! @brief ::pascalrow_slice_mod_cost for ::pascalrow_comb_mod(n, k, m, …). */
PASCALROW_API uint64_t pascalrow_comb_mod_cost(uint64_t n, uint64_t k, uint64_t m);

/*! @brief A row mod m read in order of k, piece after piece (opaque). */
typedef struct pascalrow_mod_stream pascalrow_mod_stream;

/*!
 * @brief Start reading row n mod m at k = start: *out = a stream whose next
 *        value is C(n, start) mod m.
 *
 * For rows too big to hold: ::pascalrow_mod_stream_next hands out the next
 * values, each for one step of the walk (C(n,k+1) = C(n,k)·(n−k)/(k+1),
 * kept as a unit times prime powers, see the group description), however
 * far the stream has gone — where ::pascalrow_slice_mod called on
 * successive pieces seeds each piece afresh.  This call makes the seed
 * (its cost: ::pascalrow_slice_mod_cost(n, start, start + 1, m)).  One
 * thread; a stream may move between threads but is not shared by two at
 * once.
 * @param n      the row, n < 2^64 − 1.
 * @param start  the first k (clipped to n + 1: nothing left to read).
 * @param m      the modulus, 1 ≤ m ≤ ::PASCALROW_MOD_MAX.
 * @param out    receives the stream, or NULL on failure.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL or m is out of
 *         range; ::PASCALROW_ERANGE if n = UINT64_MAX;
 *         ::PASCALROW_ENOMEM.
 *
 * Memory: one block of a few kilobytes, and for a modulus of small prime
 * powers the tables of the walk in logarithms (at most 1 MiB; without
 * them, the other walk), the caller's until ::pascalrow_mod_stream_free.
 */
PASCALROW_API int pascalrow_mod_stream_new(uint64_t n, uint64_t start, uint64_t m,
                                           pascalrow_mod_stream **out);
/*!
 * @brief The next count values, C(n, k) mod m for k = position … position +
 *        count − 1, into out[0 .. count − 1]; the position moves on by count.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if stream is NULL, out is NULL
 *         with count > 0, or count is more than the n + 1 − position values
 *         left (nothing written); ::PASCALROW_ERANGE if count values do not
 *         fit size_t bytes.
 */
PASCALROW_API int pascalrow_mod_stream_next(pascalrow_mod_stream *stream, uint64_t count, uint64_t *out);
/*! @brief The k of the next value (n + 1 when the row is read); 0 for NULL. */
PASCALROW_API uint64_t pascalrow_mod_stream_position(const pascalrow_mod_stream *stream);
/*! @brief Frees the stream; NULL is ignored. */
PASCALROW_API void pascalrow_mod_stream_free(pascalrow_mod_stream *stream);
/*! @} */

#ifndef PASCALROW_NO_GMP
/*! @name Binomials mod m for n and k of any size
 *
 * The functions above take n < 2^64.  These take n, k, start and stop as
 * mpz_t of any size (≥ 0) and hand n < 2^64 − 1 to them; for larger n they
 * work per prime power q = p^a of m on the base-p digits of k and n − k:
 *  - Kummer: v = v_p(C(n,k)) is the number of carries adding k and n − k
 *    in base p; when v ≥ a, C(n,k) ≡ 0 (mod q) with no more work;
 *  - Granville: the p-free part of C(n,k) mod q is a product over the
 *    log_p n levels of factorials (prime to p) of the a-digit residues of
 *    ⌊n/p^j⌋, ⌊k/p^j⌋, ⌊(n−k)/p^j⌋ mod q, and a sign (Lucas' theorem when
 *    a = 1): a level costs at most q products, usually far fewer;
 *  - a slice goes on from its first value by C(n,k+1) = C(n,k)·(n−k)/(k+1),
 *    n − k and k kept as base-p digit counters: a few operations a value
 *    and prime power, one modular inverse a block of values;
 * then the Chinese remainder theorem joins the prime powers.  Cheap when m's
 * prime powers are small (C(10^20, 10^19) mod 7 is read from 24 base-7 digits), out of
 * reach when a prime power of m is large and the digits of k are not near
 * 0 or those of n (2^61 − 1 with n = 10^30): the _cost functions count
 * the steps first, so that callers can refuse.  The base-p digits of n
 * are made by GMP (about bits·log(bits) work, and temporaries a few times
 * the size of n: GMP aborts the process if it cannot get them, so callers
 * check memory first, see ::pascalrow_memory_available); the digit arrays,
 * 3·(bits of n / ⌊log2 p⌋ + 1) words per prime power, are the library's
 * (::PASCALROW_ENOMEM when they cannot be had).
 * @{ */

/*!
 * @brief *out = C(n, k) mod m for any n, k ≥ 0; 0 when k > n.
 * @param m  the modulus, 1 ≤ m ≤ ::PASCALROW_MOD_MAX.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL, m is out of
 *         range or n or k is negative; ::PASCALROW_ENOMEM.
 */
PASCALROW_API int pascalrow_comb_mod_mpz(const mpz_t n, const mpz_t k, uint64_t m, uint64_t *out);

/*!
 * @brief out[i] = C(n, start + i) mod m for i < count, for any n, start ≥ 0;
 *        0 where start + i > n.
 * @param poll  NULL, or asked about every 2^16 values (and during a long
 *              seed) whether to stop, as ::pascalrow_poll says; called on
 *              the calling thread, the only thread used.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL (count > 0), m
 *         is out of range or n or start is negative; ::PASCALROW_ERANGE if
 *         count values do not fit size_t bytes; ::PASCALROW_ENOMEM;
 *         ::PASCALROW_EINTR if poll said stop (out unspecified).
 */
PASCALROW_API int pascalrow_slice_mod_mpz(const mpz_t n, const mpz_t start, uint64_t count, uint64_t m,
                                          pascalrow_poll poll, void *ctx, uint64_t *out);

/*!
 * @brief *out = Σ_{start ≤ k < stop} C(n, k) mod m for any n, start, stop ≥ 0
 *        (stop clipped to n + 1).
 *
 * The whole row is 2^n mod m.  Otherwise the values of the slice, or
 * 2^n less the values outside it (those of [stop, n] counted as the
 * mirror [0, n + 1 − stop)), whichever is cheaper — each counted in 64
 * bits.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL as above; ::PASCALROW_ERANGE
 *         when both the slice and the rest of the row have 2^64 values or
 *         more (cost UINT64_MAX); ::PASCALROW_ENOMEM.
 */
PASCALROW_API int pascalrow_row_sum_mod_mpz(const mpz_t n, const mpz_t start, const mpz_t stop, uint64_t m,
                                            uint64_t *out);

/*! @brief The steps ::pascalrow_comb_mod_mpz takes (as ::pascalrow_comb_mod_cost;
 *  for n ≥ 2^64 this makes the digits of n, so it costs their making too). */
PASCALROW_API uint64_t pascalrow_comb_mod_mpz_cost(const mpz_t n, const mpz_t k, uint64_t m);
/*! @brief The steps ::pascalrow_slice_mod_mpz takes. */
PASCALROW_API uint64_t pascalrow_slice_mod_mpz_cost(const mpz_t n, const mpz_t start, uint64_t count, uint64_t m);
/*! @brief The steps ::pascalrow_row_sum_mod_mpz takes; UINT64_MAX when out of reach. */
PASCALROW_API uint64_t pascalrow_row_sum_mod_mpz_cost(const mpz_t n, const mpz_t start, const mpz_t stop,
                                                      uint64_t m);
/*! @brief An upper bound on the bytes each function of this group holds at
 *  once for an n of nbits bits (n ≥ 2^64 − 1), whatever m: the digit arrays
 *  (3·8·6·nbits bytes: Σ 1/⌊log2 p⌋ over m's at most 15 primes is below 6)
 *  and GMP's temporaries while it makes the digits (a few copies of n).
 *  For callers that check their memory before converting n; saturated at
 *  UINT64_MAX. */
PASCALROW_API uint64_t pascalrow_mod_mpz_bytes(uint64_t nbits);
/*! @} */
#endif

/*! @name Prime valuations: the exponent of p in C(n, k)
 * @{ */
/*!
 * @brief *out = v_p(C(n, k)), the exponent of the prime p in C(n, k),
 *        without the value.
 *
 * Kummer's theorem: the number of carries when k and n − k are added in
 * base p (equivalently, by Legendre's v_p(n!) = (n − s_p(n))/(p − 1) with
 * s_p the base-p digit sum, (s_p(k) + s_p(n − k) − s_p(n))/(p − 1)).
 * O(log_p n) word divisions; primality is decided by deterministic
 * Miller–Rabin (the one ::pascalrow_comb_mod's factoring uses).
 * @param n, k  k ≤ n: for k > n, C(n, k) = 0 has no valuation.
 * @param p     a prime, any below 2^64.
 * @param out   receives the exponent (at most log_p n).
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL, k > n or p is
 *         not prime.
 *
 * Memory: nothing is allocated or kept.
 */
PASCALROW_API int pascalrow_valuation(uint64_t n, uint64_t k, uint64_t p, uint64_t *out);

/*!
 * @brief out[i] = v_p(C(n[i], k[i])) for i < count: ::pascalrow_valuation
 *        over arrays, p tested for primality once.
 * @param p          a prime, any below 2^64.
 * @param count      the number of pairs; 0 only tests p.
 * @param n, k, out  count values each (out may be n or k).
 * @param first_bad  if not NULL, receives the index of the first pair with
 *                   k[i] > n[i], or count when there is none.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if p is not prime, a pointer is
 *         NULL (count > 0), or a pair has k[i] > n[i] — out[0 .. *first_bad)
 *         is then written, the rest not.
 *
 * Memory: nothing is allocated or kept.
 */
PASCALROW_API int pascalrow_valuations(uint64_t p, size_t count, const uint64_t *n, const uint64_t *k,
                                       uint64_t *out, size_t *first_bad);
/*! @} */

#ifndef PASCALROW_NO_GMP
/*! @name Binomials of negative n (GMP's convention)
 * @{ */
/*!
 * @brief out = C(n, k) for any n, exactly, with GMP's convention
 *        (mpz_bin_ui): C(n, k) = n(n−1)…(n−k+1)/k!.
 *
 * For n ≥ 0 it is ::pascalrow_comb_mpz (0 for k > n); for n < 0,
 * C(n, k) = (−1)^k·C(k − n − 1, k), never 0 (C(−1, k) = (−1)^k).
 * @param n    any int64_t.
 * @param k    the lower index.
 * @param out  the caller's initialised mpz_t.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL;
 *         ::PASCALROW_ENOMEM if the memory GMP needs for it is not available
 *         (checked before the call; out is then unchanged).
 *
 * Memory: out is the caller's (cleared by the caller); k − n − 1 ≥ 2^64
 * takes a temporary mpz_t of the library's, freed before the call returns.
 */
PASCALROW_API int pascalrow_binomial_mpz(int64_t n, uint64_t k, mpz_t out);
/*! @} */

/*! @name Exact values and valuations for n of any size
 *
 * The functions above take n < 2^64.  These take n as an mpz_t of any size
 * (≥ 0), hand n < 2^64 to them, and past it use GMP on the whole n: its
 * mpz_bin_ui for C(n, k) and its divisions for base-p digits.  Each has a
 * `_bytes` or `_bits` companion that sizes the work from the bit length of
 * n alone, for callers that check their memory before converting n.
 * @{ */
/*!
 * @brief out = C(n, k), exactly, for any n ≥ 0 and k < 2^64; 0 when k > n.
 *
 * n < 2^64 is ::pascalrow_comb_mpz.  Past it, GMP's mpz_bin_ui with
 * j = min(k, n − k) (C(n, k) = C(n, n−k)): C(n, j) = n(n−1)…(n−j+1)/j!,
 * at most j·bitlen(n) bits, in time growing with j and the size of n.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if n or out is NULL or n < 0;
 *         ::PASCALROW_ENOMEM if the memory GMP needs is not available
 *         (checked before the call, see ::pascalrow_comb_mpz_big_bytes; out
 *         is then unchanged).
 *
 * Memory: n and out are the caller's (out may be n); for n near 2^64 one
 * temporary mpz_t of the library's, freed before the call returns.
 */
PASCALROW_API int pascalrow_comb_mpz_big(const mpz_t n, uint64_t k, mpz_t out);

/*!
 * @brief An upper bound on the bytes ::pascalrow_comb_mpz_big(n, k, …)
 *        holds at once for an n ≥ 2^64 of nbits bits and k ≤ n/2: 12 times
 *        the value's bound (k·nbits bits), 4 copies of n and 4 KiB
 *        (mpz_bin_ui's temporaries, measured under 7 times the value with
 *        GMP 6.2).
 * @return the bound, saturated at UINT64_MAX.
 */
PASCALROW_API uint64_t pascalrow_comb_mpz_big_bytes(uint64_t nbits, uint64_t k);

/*!
 * @brief out = (top + k_0 + … + k_{count−1})! / (top!·k_0!·…·k_{count−1}!),
 *        exactly, for a top of any size and ks below 2^64.
 *
 * As ::pascalrow_multinomial_mpz, whose sum must fit 64 bits: the product of
 * C(s_i, k_i), s_i = top + k_0 + … + k_i, each by ::pascalrow_comb_mpz_big.
 * Fastest with the largest term as top (each binomial then has its smaller
 * lower index k_i).
 * @param top    the first term, ≥ 0.
 * @param ks     count values (may be NULL when count is 0).
 * @param count  the number of further terms; 0 gives 1.
 * @param out    the caller's initialised mpz_t.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if top or out is NULL, top < 0
 *         or ks is NULL with count > 0; ::PASCALROW_ENOMEM if the memory GMP
 *         needs for a factor or a product is not available (checked before
 *         each call; out is then unchanged).
 *
 * Memory: top, ks and out are the caller's; the running sum and the product
 * are built in temporary mpz_t of the library's, the product swapped into
 * out at the end, all freed before the call returns.
 */
PASCALROW_API int pascalrow_multinomial_mpz_big(const mpz_t top, const uint64_t *ks, size_t count, mpz_t out);

/*!
 * @brief An upper bound on the bit length of ::pascalrow_multinomial_mpz_big
 *        (top, ks, count, …) for a top of top_bits bits, top_bits ≥ 64 +
 *        log2(count): Σ k_i·(top_bits + 65) (C(s, k) ≤ s^k).
 * @return the bound, saturated at UINT64_MAX; 0 when ks is NULL.
 */
PASCALROW_API uint64_t pascalrow_multinomial_mpz_big_bits(uint64_t top_bits, const uint64_t *ks, size_t count);

/*!
 * @brief *out = v_p(C(n, k)) for any n ≥ k ≥ 0: ::pascalrow_valuation for
 *        n of any size.
 *
 * n < 2^64 is ::pascalrow_valuation.  Past it, Legendre's formula on base-p
 * digit sums, (s_p(k) + s_p(n − k) − s_p(n))/(p − 1), the digits split off
 * by divide and conquer over the powers p^(2^i) (popcounts for p = 2):
 * O(M(bits) log bits) for n of `bits` bits.
 * @param p  a prime, any below 2^64.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if a pointer is NULL, k < 0,
 *         k > n or p is not prime; ::PASCALROW_ENOMEM if the memory GMP
 *         needs is not available (checked before any GMP call, see
 *         ::pascalrow_valuation_big_bytes).
 *
 * Memory: n and k are the caller's; the powers of p, n − k and the
 * quotients are temporary mpz_t of the library's, freed before the call
 * returns.
 */
PASCALROW_API int pascalrow_valuation_big(const mpz_t n, const mpz_t k, uint64_t p, uint64_t *out);

/*!
 * @brief An upper bound on the bytes ::pascalrow_valuation_big holds at once
 *        for an n ≥ 2^64 of nbits bits: 16 copies of n (n, k, n − k, the
 *        powers of p up to one above n, the quotients and remainders along
 *        one path of the recursion and a division's scratch) and 4 KiB.
 * @return the bound, saturated at UINT64_MAX.
 */
PASCALROW_API uint64_t pascalrow_valuation_big_bytes(uint64_t nbits);
/*! @} */
#endif

/*! @name The whole triangle, row after row
 *
 * An iterator over rows 0, 1, 2, ...: each row is made from the previous one
 * in place by the additive step (one pass), held as uint32_t while the row
 * fits, then as uint64_t, then as mpz_t — the step reports the overflow and
 * restores the row, which is then widened and stepped again.
 *
 * @code
 *   pascalrow_triangle *t = pascalrow_triangle_new();
 *   while (pascalrow_triangle_next(t) == PASCALROW_OK && pascalrow_triangle_n(t) <= 40) {
 *       const uint64_t *r = pascalrow_triangle_row_u64(t);   // NULL unless width 64
 *       ...
 *   }
 *   pascalrow_triangle_free(t);
 * @endcode
 * One iterator per thread; distinct iterators are independent.
 * @{ */
/*! Opaque iterator state (allocated by ::pascalrow_triangle_new). */
typedef struct pascalrow_triangle pascalrow_triangle;

/*! @brief A new iterator positioned before row 0.
 *  @return the iterator, or NULL if memory ran out.  Free it with
 *          ::pascalrow_triangle_free. */
PASCALROW_API pascalrow_triangle *pascalrow_triangle_new(void);

/*!
 * @brief Move to the next row: the first call gives row 0, each later call
 *        row n + 1 from row n.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if t is NULL; ::PASCALROW_ENOMEM
 *         (the iterator then still holds the previous row and may be
 *         retried); ::PASCALROW_ERANGE when the next row's length would not
 *         fit size_t.
 */
PASCALROW_API int pascalrow_triangle_next(pascalrow_triangle *t);

/*! @brief The index n of the row held (undefined before the first
 *         ::pascalrow_triangle_next). */
PASCALROW_API uint64_t pascalrow_triangle_n(const pascalrow_triangle *t);

/*! @brief How the row is held: 32 (uint32_t), 64 (uint64_t) or 0 (mpz_t).
 *         Rows 0..::PASCALROW_U32_MAX_N are 32, up to ::PASCALROW_U64_MAX_N 64. */
PASCALROW_API unsigned pascalrow_triangle_width(const pascalrow_triangle *t);

/*! @brief The row's n + 1 values when the width is 32, else NULL.  Valid
 *         until the next call on t. */
PASCALROW_API const uint32_t *pascalrow_triangle_row_u32(const pascalrow_triangle *t);
/*! @brief The row's n + 1 values when the width is 64, else NULL. */
PASCALROW_API const uint64_t *pascalrow_triangle_row_u64(const pascalrow_triangle *t);

/*! @brief Free the iterator and everything it holds; NULL is a no-op. */
PASCALROW_API void pascalrow_triangle_free(pascalrow_triangle *t);

#ifndef PASCALROW_NO_GMP
/*! @brief The row's n + 1 values when the width is 0 (mpz_t), else NULL.
 *         Valid until the next call on t; do not modify or clear them. */
PASCALROW_API const mpz_t *pascalrow_triangle_row_mpz(const pascalrow_triangle *t);
#endif
/*! @} */

#ifndef PASCALROW_NO_GMP
/*! @name Multinomial coefficients
 * @{ */
/*!
 * @brief out = (k_0 + … + k_{count−1})! / (k_0!·…·k_{count−1}!), exactly.
 *
 * A product of binomials, C(s_i, k_i) with s_i the running sum, the largest
 * k first (its binomial is 1, every other one has a small lower index).  An
 * empty list (count = 0) gives 1.
 * @param ks     count values (may be NULL when count is 0).
 * @param count  the number of values.
 * @param out    the caller's initialised mpz_t.
 * @return ::PASCALROW_OK; ::PASCALROW_EINVAL if out is NULL or ks is NULL with
 *         count > 0; ::PASCALROW_ERANGE if the sum does not fit uint64_t;
 *         ::PASCALROW_ENOMEM if the memory GMP needs for a factor or a
 *         product is not available (checked before each call; out is then
 *         unchanged).
 *
 * Memory: ks and out are the caller's; the running sum and the product are
 * built in temporary mpz_t of the library's, the product swapped into out
 * at the end, all freed before the call returns.
 */
PASCALROW_API int pascalrow_multinomial_mpz(const uint64_t *ks, size_t count, mpz_t out);
/*! @} */
#endif

/*! @} */ /* public */

#ifdef __cplusplus
}
#endif
#endif /* PASCALROW_H */
