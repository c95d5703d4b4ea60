/* C tests of pascalrow_comb_bytes against mpz_bin_uiui, run by "meson test".
 * Every call goes through the two-call protocol a foreign caller uses:
 * ask the size with a NULL buffer, allocate, write, read the exact count. */
#include <pascalrow.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t rnd(uint64_t bound)
{
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return bound ? rng_state % bound : rng_state;
}

/* Query, allocate, write; the bytes read back as an mpz equal C(n,k), the
 * count is minimal (top byte non-zero), the query at most 2 bytes over it
 * (the bit bound is a few bits loose for these sizes), and nothing is written
 * past the count. */
static void check_value(uint64_t n, uint64_t k)
{
    size_t size = 12345, written = 12345;
    int st = pascalrow_comb_bytes(n, k, NULL, 0, &size);
    CHECK(st == PASCALROW_OK, "query C(%" PRIu64 ", %" PRIu64 "): %s", n, k, pascalrow_strerror(st));
    unsigned char *buf = malloc(size + 1);
    memset(buf, 0xEE, size + 1);
    st = pascalrow_comb_bytes(n, k, buf, size, &written);
    CHECK(st == PASCALROW_OK, "write C(%" PRIu64 ", %" PRIu64 "): %s", n, k, pascalrow_strerror(st));

    mpz_t got, want;
    mpz_init(got);
    mpz_init(want);
    mpz_import(got, written, -1, 1, 0, 0, buf);
    if (k <= n) mpz_bin_uiui(want, n, k); else mpz_set_ui(want, 0);
    size_t exact = (mpz_sizeinbase(want, 2) + 7) / 8;
    if (mpz_sgn(want) == 0) exact = 0;
    CHECK(mpz_cmp(got, want) == 0, "C(%" PRIu64 ", %" PRIu64 ") bytes differ", n, k);
    CHECK(written == exact && (written == 0 || buf[written - 1] != 0),
          "C(%" PRIu64 ", %" PRIu64 "): written %zu, exact %zu", n, k, written, exact);
    CHECK(size >= exact && size <= exact + 2,
          "C(%" PRIu64 ", %" PRIu64 "): query %zu for %zu bytes", n, k, size, exact);
    int clean = 1;
    for (size_t i = written; i <= size; i++) clean &= buf[i] == 0xEE;
    CHECK(clean, "C(%" PRIu64 ", %" PRIu64 "): bytes written past the count", n, k);
    mpz_clear(want);
    mpz_clear(got);
    free(buf);
}

static void test_values(void)
{
    for (uint64_t n = 0; n <= 80; n++)
        for (uint64_t k = 0; k <= n + 2; k++) check_value(n, k);
    check_value(1000, 500);
    check_value(100000, 50000);
    check_value(UINT64_MAX, 0);
    check_value(UINT64_MAX, 1);
    check_value(UINT64_MAX, 3);
    check_value(UINT64_MAX, UINT64_MAX);
    check_value(UINT64_MAX - 1, UINT64_MAX);   /* k > n */
    for (int t = 0; t < 300; t++) {
        uint64_t n = rnd(20000), k = rnd(n + 3);
        check_value(n, k);
    }
}

/* Every status the function can return, and what it leaves in *written. */
static void test_statuses(void)
{
    size_t size = 0, written = 99;
    unsigned char buf[64];
    CHECK(pascalrow_comb_bytes(10, 5, buf, sizeof buf, NULL) == PASCALROW_EINVAL, "NULL written");
    CHECK(pascalrow_comb_bytes(10, 5, NULL, 0, NULL) == PASCALROW_EINVAL, "NULL written, query");

    /* C(5,6) = 0: no bytes, whatever the buffer. */
    CHECK(pascalrow_comb_bytes(5, 6, NULL, 0, &written) == PASCALROW_OK && written == 0, "query C(5,6)");
    written = 99;
    CHECK(pascalrow_comb_bytes(5, 6, buf, 0, &written) == PASCALROW_OK && written == 0, "C(5,6), empty buffer");

    /* A buffer below the reported size: EOVERFLOW, the size reported again,
     * the buffer untouched — even when the exact value would have fitted. */
    CHECK(pascalrow_comb_bytes(1000, 500, NULL, 0, &size) == PASCALROW_OK && size >= 125, "query C(1000,500)");
    memset(buf, 0xEE, sizeof buf);
    CHECK(pascalrow_comb_bytes(1000, 500, buf, 8, &written) == PASCALROW_EOVERFLOW && written == size,
          "short buffer: written %zu, size %zu", written, size);
    CHECK(pascalrow_comb_bytes(1000, 500, buf, size - 1, &written) == PASCALROW_EOVERFLOW && written == size,
          "one byte short");
    CHECK(buf[0] == 0xEE, "a refused buffer must not be written");
    CHECK(pascalrow_comb_bytes(10, 5, NULL, 0, &size) == PASCALROW_OK && size >= 1 && size <= 2,
          "query C(10,5): %zu", size);
    CHECK(pascalrow_comb_bytes(10, 5, buf, 0, &written) == PASCALROW_EOVERFLOW && written == size,
          "C(10,5) into an empty buffer");
    CHECK(pascalrow_comb_bytes(10, 5, buf, size, &written) == PASCALROW_OK && written == 1 && buf[0] == 252,
          "C(10,5) = 252");

    /* The size query never computes the value: C(2^63, 2^62) has about 2^63
     * bits, its size comes back at once (about 2^60 bytes), and a small
     * buffer is refused without work. */
    CHECK(pascalrow_comb_bytes(1ull << 63, 1ull << 62, NULL, 0, &size) == PASCALROW_OK
          && size > (1ull << 59) && size <= (1ull << 60), "query C(2^63, 2^62) = %zu", size);
    CHECK(pascalrow_comb_bytes(1ull << 63, 1ull << 62, buf, sizeof buf, &written) == PASCALROW_EOVERFLOW
          && written == size, "C(2^63, 2^62) into 64 bytes");
}

int main(void)
{
    test_values();
    test_statuses();
    return check_report();
}
