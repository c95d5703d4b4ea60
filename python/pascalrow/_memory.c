/* Memory and work estimates, and the up-front refusal (see _memory.h).
 *
 * The unit of every estimate is a CPython int: a header of 24 bytes
 * (reference count, type, size) and one 4-byte digit per PyLong_SHIFT = 30
 * bits, which the allocator rounds up to 16 bytes: 32 bytes plus the digits
 * bound it.  A list slot is a pointer, 8 bytes. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_memory.h"
#include "pascalrow.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

/* `values` distinct ints holding `bits` bits in all, in a list of `slots`
 * entries (0: no list). */
static double ints_bytes(double values, double bits, double slots)
{
    return 8.0 * slots + 32.0 * values + bits / PyLong_SHIFT * sizeof(digit);
}

/* Row n: C(n,k) = C(n,n−k), so its n/2 + 1 distinct ints hold the half
 * row's bits (pascalrow_row_half_bits, within 1% above the sum of
 * bitlen C(n,k) over k ≤ n/2), in a list of n + 1 slots; while they are
 * built each has a 24-byte builder and an 8-byte digit bound. */
double pr_mem_row(uint64_t n)
{
    double half = (double)(n / 2 + 1);
    return ints_bytes(half, (double)pascalrow_row_half_bits(n), (double)n + 1) + 32.0 * half;
}

/* The slice [a, b): its distinct values are C(n,k) for k in [lo, hi), each
 * at most C(n, hi − 1), the one nearest n/2 (the row rises to the middle),
 * and together no more than the half row; b − a slots; a builder and a bound
 * per value, as for rows; and three values' worth of the library's scratch
 * (the walk's buffers, GMP's for the seed), which matters only for a short
 * slice of huge values (the library checks its own allocations as well). */
double pr_mem_slice(uint64_t n, uint64_t a, uint64_t b)
{
    uint64_t lo, hi;
    pascalrow_slice_hull(n, a, b, &lo, &hi);
    double values = (double)(hi - lo);
    double top = (double)pascalrow_comb_bits_bound(n, hi - 1);
    double bits = fmin(values * top, (double)pascalrow_row_half_bits(n));
    return ints_bytes(values, bits, (double)(b - a)) + 32.0 * values + 3.0 * top / 8;
}

/* The sum has at most S bits (pascalrow_row_sum_bits_bound);
 * pascalrow_row_sum_mpz holds two accumulators and the result of that size,
 * the walk five buffers and a copy of one value (GMP's seed, C(n, lo), about
 * 12 values' worth, comes and goes before the accumulators fill), then the
 * mpz_t and the int: 12 sums of S bits bound it, whether the walk's values
 * or the sum is the larger. */
double pr_mem_row_sum(uint64_t n, uint64_t a, uint64_t b)
{
    return 12.0 * ints_bytes(1, (double)pascalrow_row_sum_bits_bound(n, a, b), 0);
}

/* C(n,k): the int, GMP's mpz of the value and its scratch, about as much
 * again: three values.  C(n,k) < 2^n, so only a big n needs the (costlier)
 * bit bound. */
double pr_mem_comb(uint64_t n, uint64_t k)
{
    double bytes = 3.0 * ints_bytes(1, (double)n, 0);
    if (bytes < 64.0 * 1024 * 1024) return bytes;
    return 3.0 * ints_bytes(1, (double)pascalrow_comb_bits_bound(n, k), 0);
}

/* The library's bound on what GMP holds (pascalrow_comb_mpz_big_bytes:
 * the result with mpz_bin_ui's temporaries, and n) covers the int too. */
double pr_mem_comb_big_n(uint64_t nbits, uint64_t k)
{
    return (double)pascalrow_comb_mpz_big_bytes(nbits, k);
}

/* The library's bound (pascalrow_mod_mpz_bytes: the digit arrays and GMP's
 * temporaries); the results are a few words. */
double pr_mem_mod_big(uint64_t nbits)
{
    return (double)pascalrow_mod_mpz_bytes(nbits);
}

/* The product, the factor being multiplied in and GMP's scratch for the
 * product: three values of the result's size (bits: from the library,
 * pascalrow_comb_bits_bound or pascalrow_multinomial_mpz_big_bits). */
double pr_mem_multinomial(double bits)
{
    return 3.0 * ints_bytes(1, bits, 0);
}

/* Row n of the triangle: the list of ints (as pr_mem_row), the iterator's
 * row of n + 2 mpz_t (16 bytes each) holding the whole row's bits, twice the
 * half's. */
double pr_mem_triangle_row(uint64_t n)
{
    double half = (double)pascalrow_row_half_bits(n);
    return ints_bytes((double)(n / 2 + 1), half, (double)n + 1) + 2.0 * half / 8 + 16.0 * ((double)n + 2);
}

double pr_mem_array(uint64_t len, unsigned bits, int staged)
{
    return (double)len * bits / 8 + (staged ? 8.0 * (double)len : 0.0);
}

/* Each value < 2^63 is one int of at most 64 bits, plus 8 bytes in the
 * buffer the values are computed into. */
double pr_mem_mod_list(uint64_t len)
{
    return ints_bytes((double)len, 64.0 * (double)len, (double)len) + 8.0 * (double)len;
}

/* ------------------------------------------------------------ refusal */

/* Bytes of address space and of data this process maps now, from Linux's
 * /proc/self/statm (fields 1 and 6, in pages); 0 where it cannot be read. */
static void memory_in_use(double *address_space, double *data)
{
    unsigned long size = 0, field[5] = { 0 };
    FILE *f = fopen("/proc/self/statm", "r");
    if (f != NULL) {
        if (fscanf(f, "%lu %lu %lu %lu %lu %lu", &size, &field[0], &field[1], &field[2],
                   &field[3], &field[4]) != 6)
            size = field[4] = 0;
        fclose(f);
    }
    double page = (double)sysconf(_SC_PAGESIZE);
    *address_space = (double)size * page;
    *data = (double)field[4] * page;
}

/* Memory this process may still use: physical memory, lowered to what
 * RLIMIT_AS / RLIMIT_DATA leave above what the process already maps (those
 * limits count everything, not just this request). */
static double memory_limit_bytes(void)
{
    double limit = (double)sysconf(_SC_PHYS_PAGES) * (double)sysconf(_SC_PAGESIZE);
    if (!(limit > 0)) limit = HUGE_VAL;
    struct rlimit as, data;
    int limit_as = getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY;
    int limit_data = getrlimit(RLIMIT_DATA, &data) == 0 && data.rlim_cur != RLIM_INFINITY;
    if (limit_as || limit_data) {
        double as_used, data_used;
        memory_in_use(&as_used, &data_used);
        if (limit_as) limit = fmin(limit, (double)as.rlim_cur - as_used);
        if (limit_data) limit = fmin(limit, (double)data.rlim_cur - data_used);
    }
    return limit;
}

/* Requests below this are not checked against the memory limit: they cannot
 * exhaust the machine, a failing Python allocation raises MemoryError by
 * itself, GMP calls are probed in any case, and the check costs three system
 * calls, more than a small row. */
#define CHECK_ABOVE_BYTES (64.0 * 1024 * 1024)

/* MemoryError: "<what> needs about X GB of memory, <reason>". */
static int refuse(double bytes, const char *reason, const char *what_fmt, va_list ap)
{
    char what[160], msg[320];   /* PyErr_Format has no %g: formatted here */
    vsnprintf(what, sizeof what, what_fmt, ap);
    snprintf(msg, sizeof msg, "%s needs about %.3g GB of memory, %s", what, bytes / 1e9, reason);
    PyErr_SetString(PyExc_MemoryError, msg);
    return -1;
}

int pr_refuse_memory(double bytes, int gmp, const char *what_fmt, ...)
{
    int r = 0;
    va_list ap;
    va_start(ap, what_fmt);
    if (bytes >= CHECK_ABOVE_BYTES) {
        double limit = memory_limit_bytes();
        if (bytes > limit) {
            char reason[64];
            snprintf(reason, sizeof reason, "more than the %.3g GB available", fmax(limit, 0) / 1e9);
            r = refuse(bytes, reason, what_fmt, ap);
        }
    }
    if (r == 0 && gmp
        && pascalrow_memory_available(bytes < 0x1p64 ? (uint64_t)bytes : UINT64_MAX) != PASCALROW_OK)
        r = refuse(bytes, "which cannot be allocated now", what_fmt, ap);
    va_end(ap);
    return r;
}

/* ----------------------------------------------------------- modular work */

/* Out of reach are e.g. slices deep in a row near 2^60 modulo a large prime
 * power (3^30): no known method is cheap there. */
int pr_refuse_mod_cost(const char *what, uint64_t cost)
{
    if (cost <= PASCALROW_MOD_COST_LIMIT) return 0;
    char msg[512];   /* PyErr_Format has no %g: formatted here */
    snprintf(msg, sizeof msg,
             "%s would take about %.3g steps of modular arithmetic (more than %.3g): the "
             "walk from the nearer end of the row and Granville/Lucas on the prime powers "
             "of mod are both out of reach", what, (double)cost, (double)PASCALROW_MOD_COST_LIMIT);
    PyErr_SetString(PyExc_OverflowError, msg);
    return -1;
}
