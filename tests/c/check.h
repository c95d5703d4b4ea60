/* The C tests' tallies and CHECK macro (included once per test program).
 *
 * PASCALROW_TEST_QUICK set in the environment asks for a reduced run (fewer
 * random cases, smaller rows): `make valgrind` uses it, where every
 * instruction costs about 50 times more.  The checks themselves are the same.
 */
#ifndef PASCALROW_TEST_CHECK_H
#define PASCALROW_TEST_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int passed, failed;

#define CHECK(cond, ...)                                                  \
    do {                                                                  \
        if (cond) passed++;                                               \
        else {                                                            \
            failed++;                                                     \
            fprintf(stderr, "%s:%d: FAILED %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                 \
            fputc('\n', stderr);                                          \
        }                                                                 \
    } while (0)

/* The next word of a xorshift64 sequence (*state non-zero): reproducible
 * pseudo-random test inputs. */
static inline uint64_t test_rand64(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* Non-zero when PASCALROW_TEST_QUICK is set (to anything but "0"). */
static inline int test_quick(void)
{
    const char *q = getenv("PASCALROW_TEST_QUICK");
    return q != NULL && *q != '\0' && *q != '0';
}

/* Under AddressSanitizer a malloc that cannot be satisfied must return NULL
 * (what the library's ENOMEM checks rely on), not stop the program: ASan
 * reads these defaults at start-up; ASAN_OPTIONS still overrides them. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "allocator_may_return_null=1"; }

/* A pascalrow_poll that says stop on its calls-th call; its context is a
 * struct stop_after with seen starting at 0 (not atomic: the library polls
 * on the calling thread only). */
struct stop_after {
    int calls, seen;
};

static inline int poll_stop(void *vctx)
{
    struct stop_after *s = vctx;
    return ++s->seen >= s->calls;
}

/* Print the tallies; the exit status of the test program. */
static inline int check_report(void)
{
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}

#endif
