/* pascalrow_clip_range, pascalrow_slice_bits_bound and
 * pascalrow_row_sum_bits_bound against GMP: the clip against its
 * definition, the bounds against the bit lengths of mpz_bin_uiui's values
 * and of their sums. */
#include <pascalrow.h>

#include "check.h"

#include <inttypes.h>

static void test_clip(void)
{
    static const uint64_t ns[] = { 0, 1, 10, 1000, UINT64_MAX - 1 };
    static const uint64_t bounds[] = { 0, 1, 5, 10, 11, 12, 999, 1001, UINT64_MAX - 1, UINT64_MAX };
    for (size_t i = 0; i < sizeof ns / sizeof *ns; i++)
        for (size_t a = 0; a < sizeof bounds / sizeof *bounds; a++)
            for (size_t b = 0; b < sizeof bounds / sizeof *bounds; b++) {
                uint64_t n = ns[i], start = bounds[a], stop = bounds[b];
                uint64_t end = stop < n + 1 ? stop : n + 1;      /* the definition */
                uint64_t want_stop = start < end ? end : start;
                int st = pascalrow_clip_range(n, &start, &stop);
                CHECK(st == PASCALROW_OK && start == bounds[a] && stop == want_stop,
                      "clip(%" PRIu64 ", %" PRIu64 ", %" PRIu64 "): status %d, [%" PRIu64 ", %" PRIu64 ")",
                      n, bounds[a], bounds[b], st, start, stop);
            }
    uint64_t start = 3, stop = 7;
    CHECK(pascalrow_clip_range(UINT64_MAX, &start, &stop) == PASCALROW_ERANGE && start == 3 && stop == 7,
          "n = 2^64 − 1 is refused, nothing changed");
    CHECK(pascalrow_clip_range(10, NULL, &stop) == PASCALROW_EINVAL, "NULL start");
    CHECK(pascalrow_clip_range(10, &start, NULL) == PASCALROW_EINVAL, "NULL stop");
}

/* The bounds never below the truth: the largest value of each slice and the
 * slice's sum, by GMP. */
static void test_bounds(void)
{
    mpz_t c, sum, top;
    mpz_inits(c, sum, top, NULL);
    uint64_t state = 0x9E3779B97F4A7C15u;
    int rounds = test_quick() ? 300 : 3000;
    for (int r = 0; r < rounds; r++) {
        uint64_t n = test_rand64(&state) % 700;
        uint64_t a = test_rand64(&state) % (n + 3), b = test_rand64(&state) % (n + 3);
        mpz_set_ui(sum, 0);
        mpz_set_ui(top, 0);
        for (uint64_t k = a; k < b && k <= n; k++) {
            mpz_bin_uiui(c, n, k);
            mpz_add(sum, sum, c);
            if (mpz_cmp(c, top) > 0) mpz_set(top, c);
        }
        uint64_t vb = pascalrow_slice_bits_bound(n, a, b), sb = pascalrow_row_sum_bits_bound(n, a, b);
        if (mpz_sgn(sum) == 0) {
            CHECK(vb == 0 && sb == 0, "empty slice %" PRIu64 " [%" PRIu64 ", %" PRIu64 "): %" PRIu64 ", %" PRIu64,
                  n, a, b, vb, sb);
            continue;
        }
        CHECK(vb >= mpz_sizeinbase(top, 2) && vb <= mpz_sizeinbase(top, 2) + 8,
              "slice bits %" PRIu64 " [%" PRIu64 ", %" PRIu64 "): %" PRIu64 ", exact %zu", n, a, b, vb,
              mpz_sizeinbase(top, 2));
        CHECK(sb >= mpz_sizeinbase(sum, 2) && sb <= n + 1,
              "sum bits %" PRIu64 " [%" PRIu64 ", %" PRIu64 "): %" PRIu64 ", exact %zu", n, a, b, sb,
              mpz_sizeinbase(sum, 2));
    }
    /* the whole row is 2^n: n + 1 bits, exactly the cap */
    CHECK(pascalrow_row_sum_bits_bound(500, 0, 501) == 501, "whole row 500");
    CHECK(pascalrow_slice_bits_bound(UINT64_MAX, 0, 5) == 0 && pascalrow_row_sum_bits_bound(UINT64_MAX, 0, 5) == 0,
          "n = 2^64 − 1");
    mpz_clears(c, sum, top, NULL);
}

int main(void)
{
    test_clip();
    test_bounds();
    return check_report();
}
