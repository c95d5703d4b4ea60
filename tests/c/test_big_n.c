/* pascalrow_comb_mpz_big, pascalrow_multinomial_mpz_big and
 * pascalrow_valuation_big (src/big_n.c, src/multinomial.c) against GMP:
 * mpz_bin_ui on the same n, products of mpz_bin_ui's binomials, mpz_remove
 * on exact values and Legendre's v_p(n!) = Σ_i ⌊n/p^i⌋ with mpz divisions;
 * the size bounds against the results (pascalrow_mod_mpz_bytes against the
 * digit arrays it covers). */
#include <pascalrow.h>

#include "check.h"

#include <inttypes.h>

/* n = 2^e + add, the test's n past 2^64. */
static void set_big(mpz_t n, unsigned e, uint64_t add)
{
    mpz_set_ui(n, 1);
    mpz_mul_2exp(n, n, e);
    mpz_add_ui(n, n, add);
}

static void test_comb(void)
{
    mpz_t n, got, want;
    mpz_inits(n, got, want, NULL);
    static const unsigned exps[] = { 64, 65, 100, 1000 };
    static const uint64_t ks[] = { 0, 1, 2, 7, 64, 201, 1000 };
    for (size_t e = 0; e < sizeof exps / sizeof *exps; e++)
        for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
            set_big(n, exps[e], 12345);
            int st = pascalrow_comb_mpz_big(n, ks[i], got);
            mpz_bin_ui(want, n, ks[i]);
            CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0, "C(2^%u + 12345, %" PRIu64 "): status %d",
                  exps[e], ks[i], st);
            uint64_t bytes = pascalrow_comb_mpz_big_bytes(mpz_sizeinbase(n, 2), ks[i]);
            CHECK(bytes >= 12 * (mpz_sizeinbase(want, 2) / 8), "bytes bound of C(2^%u + 12345, %" PRIu64 ")",
                  exps[e], ks[i]);
        }
    /* k near n (n near 2^64): the smaller lower index n − k is taken */
    set_big(n, 64, 5);
    uint64_t k = UINT64_MAX - 3;                        /* n − k = 9 */
    int st = pascalrow_comb_mpz_big(n, k, got);
    mpz_bin_ui(want, n, 9);
    CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0, "C(2^64 + 5, 2^64 − 4) = C(2^64 + 5, 9): status %d", st);
    /* n < 2^64 is pascalrow_comb_mpz, k > n gives 0 */
    mpz_set_ui(n, 1000);
    st = pascalrow_comb_mpz_big(n, 300, got);
    mpz_bin_uiui(want, 1000, 300);
    CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0, "C(1000, 300): status %d", st);
    st = pascalrow_comb_mpz_big(n, 1001, got);
    CHECK(st == PASCALROW_OK && mpz_sgn(got) == 0, "C(1000, 1001) = 0: status %d", st);
    /* in place: out is n */
    set_big(n, 70, 3);
    mpz_bin_ui(want, n, 5);
    st = pascalrow_comb_mpz_big(n, 5, n);
    CHECK(st == PASCALROW_OK && mpz_cmp(n, want) == 0, "in place: status %d", st);
    mpz_set_si(n, -5);
    CHECK(pascalrow_comb_mpz_big(n, 2, got) == PASCALROW_EINVAL, "negative n");
    CHECK(pascalrow_comb_mpz_big(n, 2, NULL) == PASCALROW_EINVAL, "NULL out");
    /* a value past any memory: refused, out unchanged */
    set_big(n, 1 << 20, 0);
    mpz_set_ui(got, 77);
    st = pascalrow_comb_mpz_big(n, (uint64_t)1 << 50, got);
    CHECK(st == PASCALROW_ENOMEM && mpz_cmp_ui(got, 77) == 0, "C(2^2^20, 2^50): status %d", st);
    mpz_clears(n, got, want, NULL);
}

static void test_multinomial(void)
{
    mpz_t top, s, c, got, want;
    mpz_inits(top, s, c, got, want, NULL);
    static const uint64_t ks[] = { 3, 0, 5, 1, 20 };
    for (unsigned e = 10; e <= 200; e += 95) {
        set_big(top, e, 7);
        for (size_t count = 0; count <= sizeof ks / sizeof *ks; count++) {
            mpz_set(s, top);
            mpz_set_ui(want, 1);
            for (size_t i = 0; i < count; i++) {
                mpz_add_ui(s, s, ks[i]);
                mpz_bin_ui(c, s, ks[i]);
                mpz_mul(want, want, c);
            }
            int st = pascalrow_multinomial_mpz_big(top, ks, count, got);
            CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0, "multinomial(2^%u + 7, %zu terms): status %d",
                  e, count, st);
            uint64_t bits = pascalrow_multinomial_mpz_big_bits(mpz_sizeinbase(top, 2), ks, count);
            CHECK(e < 64 || bits >= mpz_sizeinbase(want, 2) || count == 0,
                  "bits bound of multinomial(2^%u + 7, %zu terms)", e, count);
        }
    }
    /* against pascalrow_multinomial_mpz where the sum fits 64 bits */
    static const uint64_t all[] = { 40, 3, 17, 9 };
    mpz_set_ui(top, all[0]);
    int st = pascalrow_multinomial_mpz_big(top, all + 1, 3, got);
    CHECK(st == PASCALROW_OK && pascalrow_multinomial_mpz(all, 4, want) == PASCALROW_OK && mpz_cmp(got, want) == 0,
          "multinomial(40, 3, 17, 9): status %d", st);
    CHECK(pascalrow_multinomial_mpz_big(top, NULL, 1, got) == PASCALROW_EINVAL, "NULL ks");
    CHECK(pascalrow_multinomial_mpz_big(top, NULL, 0, got) == PASCALROW_OK && mpz_cmp_ui(got, 1) == 0,
          "no further terms: 1");
    mpz_set_si(top, -1);
    CHECK(pascalrow_multinomial_mpz_big(top, ks, 2, got) == PASCALROW_EINVAL, "negative top");
    mpz_clears(top, s, c, got, want, NULL);
}

/* v_p(x!) = Σ_{i≥1} ⌊x/p^i⌋ (Legendre), with mpz divisions. */
static void legendre(mpz_t v, const mpz_t x, uint64_t p)
{
    mpz_t q;
    mpz_init_set(q, x);
    mpz_set_ui(v, 0);
    while (mpz_cmp_ui(q, p) >= 0) {
        mpz_tdiv_q_ui(q, q, p);
        mpz_add(v, v, q);
    }
    mpz_clear(q);
}

static void test_valuation(void)
{
    static const uint64_t primes[] = { 2, 3, 5, 7, 97, 65521, 4294967291u, UINT64_MAX - 58 };
    mpz_t n, k, d, vn, vk, vd, c, r, pz;
    mpz_inits(n, k, d, vn, vk, vd, c, r, pz, NULL);
    uint64_t state = 0x2545F4914F6CDD1Du;
    for (size_t i = 0; i < sizeof primes / sizeof *primes; i++)
        for (int round = 0; round < 20; round++) {
            unsigned e = 64 + (unsigned)(test_rand64(&state) % 900);
            set_big(n, e, test_rand64(&state));
            mpz_set_ui(k, test_rand64(&state));
            if (round % 2) mpz_tdiv_q_2exp(k, n, 1 + round % 5);   /* k of n's size */
            mpz_sub(d, n, k);
            legendre(vn, n, primes[i]);
            legendre(vk, k, primes[i]);
            legendre(vd, d, primes[i]);
            mpz_sub(vn, vn, vk);
            mpz_sub(vn, vn, vd);
            uint64_t got = UINT64_MAX;
            int st = pascalrow_valuation_big(n, k, primes[i], &got);
            CHECK(st == PASCALROW_OK && mpz_cmp_ui(vn, got) == 0, "v_%" PRIu64 " C(2^%u + …, …): status %d, %" PRIu64,
                  primes[i], e, st, got);
        }
    /* exact values: mpz_remove on C(n, k) for n just past 2^64 */
    set_big(n, 64, 1000);
    for (uint64_t kk = 0; kk <= 40; kk += 3)
        for (size_t i = 0; i < 5; i++) {
            mpz_set_ui(k, kk);
            mpz_bin_ui(c, n, kk);
            mpz_set_ui(pz, primes[i]);
            uint64_t want = mpz_remove(r, c, pz), got = UINT64_MAX;
            int st = pascalrow_valuation_big(n, k, primes[i], &got);
            CHECK(st == PASCALROW_OK && got == want, "v_%" PRIu64 " C(2^64 + 1000, %" PRIu64 "): status %d, %" PRIu64
                  ", GMP %" PRIu64, primes[i], kk, st, got, want);
        }
    /* n < 2^64 is pascalrow_valuation */
    mpz_set_ui(n, 1000);
    mpz_set_ui(k, 500);
    uint64_t got = 0, want = 1;
    CHECK(pascalrow_valuation_big(n, k, 2, &got) == PASCALROW_OK && pascalrow_valuation(1000, 500, 2, &want) == 0
          && got == want, "v_2 C(1000, 500)");
    /* refusals */
    mpz_set_ui(k, 1001);
    CHECK(pascalrow_valuation_big(n, k, 2, &got) == PASCALROW_EINVAL, "k > n");
    mpz_set_si(k, -1);
    CHECK(pascalrow_valuation_big(n, k, 2, &got) == PASCALROW_EINVAL, "k < 0");
    mpz_set_ui(k, 3);
    set_big(n, 100, 0);
    CHECK(pascalrow_valuation_big(n, k, 91, &got) == PASCALROW_EINVAL, "p = 91 not prime");
    CHECK(pascalrow_valuation_big(n, k, 2, NULL) == PASCALROW_EINVAL, "NULL out");
    CHECK(pascalrow_valuation_big_bytes(1000) >= 16 * 125, "bytes bound");
    mpz_clears(n, k, d, vn, vk, vd, c, r, pz, NULL);
}

/* pascalrow_mod_mpz_bytes covers the digit arrays of the smallest prime, 2:
 * nbits + 1 base-2 digits of n, k and n − k, a word each; and saturates. */
static void test_mod_bytes(void)
{
    for (uint64_t nbits = 64; nbits < ((uint64_t)1 << 40); nbits *= 3)
        CHECK(pascalrow_mod_mpz_bytes(nbits) >= 3 * 8 * (nbits + 1), "mod bytes, %" PRIu64 " bits", nbits);
    CHECK(pascalrow_mod_mpz_bytes(UINT64_MAX) == UINT64_MAX, "saturated");
}

int main(void)
{
    test_mod_bytes();
    test_comb();
    test_multinomial();
    test_valuation();
    return check_report();
}
