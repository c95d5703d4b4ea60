/*!
 * @file pascalrow.h
 * @brief libpascalrow — exact binomial coefficients: whole rows of Pascal's
 *        triangle, slices of rows, and single C(n, k).
 *
 * This one header is the whole public C API.
 *
 * Conventions (they hold for every function below):
 *  - Row n is [C(n,0), C(n,1), ..., C(n,n)]: n + 1 values.
 *  - Every fallible function returns an `int` status: ::PASCALROW_OK (0) on
 *    success, or one of the other ::pascalrow_status codes.  No function
 *    aborts, prints, exits or touches global state; all are safe to call from
 *    several threads at once on distinct output buffers.
 *  - Outputs are caller-owned: the caller allocates and frees every buffer
 *    and every `mpz_t`.  The library frees only what it allocated itself,
 *    before returning.
 *  - On any status other than ::PASCALROW_OK the contents of the output are
 *    unspecified (but every `mpz_t` in it stays initialised and may be
 *    cleared normally), except where a function documents more.
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
#define PASCALROW_VERSION_MAJOR 0
#define PASCALROW_VERSION_MINOR 1
#define PASCALROW_VERSION_PATCH 0
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
                                  fixed-width type (u32/u64); nothing wrapped
                                  was returned as a value */
    PASCALROW_ERANGE = 3,    /*!< n, or a size derived from it, is too large
                                  for size_t arithmetic on this platform */
    PASCALROW_ENOMEM = 4,    /*!< a memory allocation failed */
    PASCALROW_EINTR = 5      /*!< a caller's callback asked to stop */
} pascalrow_status;

/*! @brief A short, static, English description of a status code.
 *  @param status any integer; unknown codes give "unknown pascalrow status".
 *  @return a NUL-terminated string with static storage; never NULL. */
PASCALROW_API const char *pascalrow_strerror(int status);
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
 * @param row  on entry row[0..i] holds row i; the buffer must have room for
 *             i + 2 values.  On ::PASCALROW_OK row[0..i+1] holds row i + 1.
 * @param i    the index of the row held on entry.
 * @return ::PASCALROW_OK; ::PASCALROW_EOVERFLOW when some value of row i + 1
 *         does not fit the type — the row is then restored to row i exactly,
 *         so the caller may widen it and step again; ::PASCALROW_EINVAL if
 *         row is NULL; ::PASCALROW_ERANGE if i + 2 overflows size_t.
 *
 * Overflow is detected without a per-element branch: the carries of the
 * additions are OR-reduced across the vector.
 */
PASCALROW_API int pascalrow_step_u32(uint32_t *row, size_t i);
/*! @brief ::pascalrow_step_u32 for uint64_t. */
PASCALROW_API int pascalrow_step_u64(uint64_t *row, size_t i);

/*!
 * @brief Write row n, C(n,0..n), into out[0..n].
 * @param n    row index.
 * @param out  room for n + 1 values.
 * @return ::PASCALROW_OK; ::PASCALROW_EOVERFLOW when n > ::PASCALROW_U32_MAX_N
 *         (out is not written); ::PASCALROW_EINVAL if out is NULL.
 */
PASCALROW_API int pascalrow_row_u32(size_t n, uint32_t *out);
/*! @brief ::pascalrow_row_u32 for uint64_t (limit ::PASCALROW_U64_MAX_N). */
PASCALROW_API int pascalrow_row_u64(size_t n, uint64_t *out);
/*! @} */

/*! @name Sizes (decide before allocating)
 * @{ */
/*!
 * @brief An upper bound on the bit length of C(n, k), never below the true
 *        bit length; 0 when k > n (C(n,k) = 0).
 *
 * Cheap (a few lgamma evaluations); exact to within a few bits plus a
 * relative 1e-12, so it can size buffers and refuse impossible requests
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
 */
PASCALROW_API int pascalrow_row_mpz(uint64_t n, mpz_t *out);

/*!
 * @brief Write C(n,k) for k in [start, stop) into out[0 .. stop−start−1],
 *        without computing the rest of the row.
 *
 * stop is clipped to n + 1; start ≥ stop writes nothing.
 * @param out  (clipped stop − start) initialised mpz_t.
 * @return as ::pascalrow_row_mpz.
 */
PASCALROW_API int pascalrow_slice_mpz(uint64_t n, uint64_t start, uint64_t stop, mpz_t *out);

/*!
 * @brief rop = C(n, k), exactly; 0 when k > n.
 * @return ::PASCALROW_OK, or ::PASCALROW_EINVAL if rop is NULL.
 */
PASCALROW_API int pascalrow_comb_mpz(mpz_t rop, uint64_t n, uint64_t k);
/*! @} */
#endif /* PASCALROW_NO_GMP */

/*! @} */ /* public */

#ifdef __cplusplus
}
#endif
#endif /* PASCALROW_H */
