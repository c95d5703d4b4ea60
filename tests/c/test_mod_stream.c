/* pascalrow_mod_stream against pascalrow_slice_mod (itself checked against
 * GMP by test_slice_mod) and, for small rows, against GMP: rows read in
 * pieces of random sizes, across the middle of the row and up to its end,
 * for every kind of modulus; the documented statuses. */
#include <pascalrow.h>

#include "check.h"

#include <inttypes.h>

static const uint64_t moduli[] = {
    1, 2, 3, 4, 7, 8, 27, 97, 720720, 32 * 27 * 25, 2ull * 3 * 5 * 7 * 11 * 13 * 17 * 19 * 23,
    16 * 4093, 1009ull * 1009 * 1009, (uint64_t)1 << 32, 1000000006,
    1000000007, 998244353, 4 * 998244353ull, ((uint64_t)1 << 61) - 1, 2 * (((uint64_t)1 << 61) - 1),
    (uint64_t)INT64_MAX - 24, (uint64_t)INT64_MAX,
};
#define NMODULI (sizeof moduli / sizeof *moduli)

/* Reads [start, stop) of row n mod m from a stream in pieces of 1 to
 * max_piece values and compares each with want[k − start]. */
static void check_stream(uint64_t n, uint64_t start, uint64_t stop, uint64_t m, const uint64_t *want,
                         uint64_t max_piece, uint64_t *state, uint64_t *buf)
{
    pascalrow_mod_stream *s = NULL;
    int st = pascalrow_mod_stream_new(n, start, m, &s);
    CHECK(st == PASCALROW_OK && s != NULL, "stream(%" PRIu64 ", %" PRIu64 ", %" PRIu64 "): status %d", n, start, m, st);
    if (s == NULL) return;
    int bad = 0;
    for (uint64_t k = start; k < stop && !bad;) {
        uint64_t piece = 1 + test_rand64(state) % max_piece;
        if (piece > stop - k) piece = stop - k;
        st = pascalrow_mod_stream_next(s, piece, buf);
        if (st != PASCALROW_OK || pascalrow_mod_stream_position(s) != k + piece) bad = 1;
        for (uint64_t i = 0; i < piece && !bad; i++)
            if (buf[i] != want[k + i - start]) {
                CHECK(0, "C(%" PRIu64 ", %" PRIu64 ") mod %" PRIu64 ": stream %" PRIu64 ", want %" PRIu64,
                      n, k + i, m, buf[i], want[k + i - start]);
                bad = 1;
            }
        k += piece;
    }
    CHECK(!bad, "row %" PRIu64 " [%" PRIu64 ", %" PRIu64 ") mod %" PRIu64 " streamed", n, start, stop, m);
    if (!bad && stop == n + 1)
        CHECK(pascalrow_mod_stream_next(s, 1, buf) == PASCALROW_EINVAL, "reading past the row's end");
    pascalrow_mod_stream_free(s);
}

static uint64_t want[300000], buf[300000];

/* Small rows, whole, against GMP. */
static void test_small_rows(void)
{
    uint64_t state = 0x51ed2701a3b4c5d6u;
    mpz_t c;
    mpz_init(c);
    for (uint64_t n = 0; n <= 300; n += 1 + n / 50)
        for (size_t i = 0; i < NMODULI; i++) {
            for (uint64_t k = 0; k <= n; k++) {
                mpz_bin_uiui(c, n, k);
                want[k] = mpz_fdiv_ui(c, moduli[i]);
            }
            uint64_t start = test_rand64(&state) % (n + 1);
            check_stream(n, 0, n + 1, moduli[i], want, 1 + n / 3, &state, buf);
            check_stream(n, start, n + 1, moduli[i], want + start, 7, &state, buf);
        }
    mpz_clear(c);
}

/* Big rows: the middle and the end, against pascalrow_slice_mod of the
 * same range (which walks the lower half only). */
static void test_big_rows(void)
{
    uint64_t state = 0x0123456789abcdefu;
    const uint64_t width = test_quick() ? 3000 : 100000;
    const uint64_t rows[] = { 5000, 100003, ((uint64_t)1 << 40) + 5, ((uint64_t)1 << 62) + 1 };
    for (size_t r = 0; r < sizeof rows / sizeof *rows; r++)
        for (size_t i = 0; i < NMODULI; i++) {
            uint64_t n = rows[r], m = moduli[i];
            uint64_t starts[3] = { n / 2 > width / 2 ? n / 2 - width / 2 : 0, n + 1 > width ? n + 1 - width : 0, 0 };
            for (int j = 0; j < 3; j++) {
                uint64_t a = starts[j], b = a + width < n + 1 ? a + width : n + 1;
                if (pascalrow_slice_mod_cost(n, a, b, m) > 50000000) continue;   /* out of a test's reach */
                CHECK(pascalrow_slice_mod(n, a, b, m, want) == PASCALROW_OK, "slice_mod");
                check_stream(n, a, b, m, want, 1 + width / 5, &state, buf);
            }
        }
}

static void test_statuses(void)
{
    pascalrow_mod_stream *s = (pascalrow_mod_stream *)&s;
    uint64_t v;
    CHECK(pascalrow_mod_stream_new(10, 0, 7, NULL) == PASCALROW_EINVAL, "NULL out");
    CHECK(pascalrow_mod_stream_new(10, 0, 0, &s) == PASCALROW_EINVAL && s == NULL, "m = 0");
    s = (pascalrow_mod_stream *)&s;
    CHECK(pascalrow_mod_stream_new(10, 0, (uint64_t)INT64_MAX + 1, &s) == PASCALROW_EINVAL && s == NULL, "m = 2^63");
    CHECK(pascalrow_mod_stream_new(UINT64_MAX, 0, 7, &s) == PASCALROW_ERANGE && s == NULL, "n = 2^64 - 1");
    CHECK(pascalrow_mod_stream_next(NULL, 1, &v) == PASCALROW_EINVAL, "NULL stream");
    CHECK(pascalrow_mod_stream_position(NULL) == 0, "position of NULL");
    pascalrow_mod_stream_free(NULL);
    CHECK(pascalrow_mod_stream_new(10, 99, 7, &s) == PASCALROW_OK && pascalrow_mod_stream_position(s) == 11,
          "start past the row: position n + 1");
    CHECK(pascalrow_mod_stream_next(s, 0, NULL) == PASCALROW_OK, "nothing read");
    CHECK(pascalrow_mod_stream_next(s, 1, &v) == PASCALROW_EINVAL, "nothing left");
    pascalrow_mod_stream_free(s);
    CHECK(pascalrow_mod_stream_new(10, 3, 7, &s) == PASCALROW_OK, "stream");
    CHECK(pascalrow_mod_stream_next(s, 2, NULL) == PASCALROW_EINVAL, "NULL out");
    CHECK(pascalrow_mod_stream_next(s, 9, buf) == PASCALROW_EINVAL && pascalrow_mod_stream_position(s) == 3,
          "more than is left: nothing read");
    CHECK(pascalrow_mod_stream_next(s, 8, buf) == PASCALROW_OK && buf[0] == 120 % 7 && buf[7] == 1, "the rest");
    pascalrow_mod_stream_free(s);
}

int main(void)
{
    test_statuses();
    test_small_rows();
    test_big_rows();
    return check_report();
}
