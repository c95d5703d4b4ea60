/* pascalrow_digit_count and pascalrow_limbs_to_digits against GMP: values of
 * 1 to thousands of limbs (random, all ones, single bits, short top limbs,
 * zero top limbs), in every digit width 1..32 and most of all 30, each in an
 * array of exactly nlimbs limbs and written into exactly the digits counted
 * (AddressSanitizer and valgrind see any access past either), compared with
 * mpz_export with nails. */
#include "check.h"

#include <pascalrow.h>

#include <string.h>

static uint64_t rng_state = 0x6a09e667f3bcc909ull;

static uint64_t rnd64(void) { return test_rand64(&rng_state); }

enum shape { RANDOM, ONES, TOP_BIT, SHORT_TOP, ZERO_TOP, NSHAPES };

/* A value of nlimbs limbs of the given shape, in an array of exactly nlimbs. */
static uint64_t *make_value(size_t nlimbs, enum shape shape)
{
    uint64_t *limbs = malloc(nlimbs * sizeof *limbs);
    for (size_t i = 0; i < nlimbs; i++)
        limbs[i] = shape == ONES ? UINT64_MAX : shape == TOP_BIT ? 0 : rnd64();
    uint64_t *top = &limbs[nlimbs - 1];
    if (shape == TOP_BIT) *top = (uint64_t)1 << (rnd64() % 64);
    if (shape == SHORT_TOP) *top = (rnd64() >> (rnd64() % 64)) | 1;
    if (shape == ZERO_TOP) *top = 0;                 /* skipped: the value is one limb shorter */
    return limbs;
}

static void check_value(const uint64_t *limbs, size_t nlimbs, unsigned bits)
{
    mpz_t z;
    mpz_init(z);
    mpz_import(z, nlimbs, -1, sizeof *limbs, 0, 0, limbs);
    size_t want_count = mpz_sgn(z) == 0 ? 0 : (mpz_sizeinbase(z, 2) + bits - 1) / bits;
    size_t count = pascalrow_digit_count(limbs, nlimbs, bits);
    CHECK(count == want_count, "digit_count(%zu limbs, %u bits) = %zu, want %zu", nlimbs, bits, count,
          want_count);
    uint32_t *got = malloc((count ? count : 1) * sizeof *got);
    uint32_t *want = malloc((want_count + 1) * sizeof *want);
    size_t exported = 0;
    mpz_export(want, &exported, -1, sizeof *want, 0, 32 - bits, z);
    int st = pascalrow_limbs_to_digits(limbs, nlimbs, bits, got);
    CHECK(st == PASCALROW_OK && exported == count && memcmp(got, want, count * sizeof *got) == 0,
          "limbs_to_digits(%zu limbs, %u bits): status %d, %zu digits, GMP %zu", nlimbs, bits, st, count,
          exported);
    free(want);
    free(got);
    mpz_clear(z);
}

static void test_values(void)
{
    const size_t most = test_quick() ? 40 : 200;
    for (size_t nlimbs = 1; nlimbs <= most; nlimbs++)
        for (int shape = 0; shape < NSHAPES; shape++) {
            uint64_t *limbs = make_value(nlimbs, (enum shape)shape);
            check_value(limbs, nlimbs, 30);
            check_value(limbs, nlimbs, 1 + (unsigned)(rnd64() % 32));
            free(limbs);
        }
    for (unsigned bits = 1; bits <= 32; bits++)
        for (int t = 0; t < 4; t++) {
            size_t nlimbs = 1 + rnd64() % 700;
            uint64_t *limbs = make_value(nlimbs, (enum shape)(rnd64() % NSHAPES));
            check_value(limbs, nlimbs, bits);
            free(limbs);
        }
    for (int t = 0; t < (test_quick() ? 2 : 10); t++) {     /* long values: the fast path's bulk */
        size_t nlimbs = 1000 + rnd64() % 50000;
        uint64_t *limbs = make_value(nlimbs, RANDOM);
        check_value(limbs, nlimbs, 30);
        free(limbs);
    }
}

static void test_statuses(void)
{
    uint64_t one = 1;
    uint32_t d[2] = { 7, 7 };
    CHECK(pascalrow_limbs_to_digits(NULL, 0, 30, NULL) == PASCALROW_OK, "0 limbs: nothing to do");
    CHECK(pascalrow_digit_count(NULL, 0, 30) == 0 && pascalrow_digit_count(&one, 0, 30) == 0,
          "0 limbs: 0 digits");
    CHECK(pascalrow_limbs_to_digits(NULL, 1, 30, d) == PASCALROW_EINVAL, "NULL limbs");
    CHECK(pascalrow_limbs_to_digits(&one, 1, 30, NULL) == PASCALROW_EINVAL, "NULL out");
    CHECK(pascalrow_limbs_to_digits(&one, 1, 0, d) == PASCALROW_EINVAL
          && pascalrow_limbs_to_digits(&one, 1, 33, d) == PASCALROW_EINVAL
          && pascalrow_limbs_to_digits(&one, 0, 33, NULL) == PASCALROW_EINVAL, "digit_bits 0 and 33");
    CHECK(d[0] == 7 && d[1] == 7, "refused calls wrote nothing");
    CHECK(pascalrow_digit_count(&one, 1, 0) == 0 && pascalrow_digit_count(&one, 1, 33) == 0
          && pascalrow_digit_count(NULL, 1, 30) == 0, "digit_count of bad arguments: 0");
    CHECK(pascalrow_digit_count(&one, 1, 30) == 1 && pascalrow_limbs_to_digits(&one, 1, 30, d) == PASCALROW_OK
          && d[0] == 1 && d[1] == 7, "1 is one digit");
}

int main(void)
{
    test_statuses();
    test_values();
    return check_report();
}
