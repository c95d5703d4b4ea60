/* The C tests' one assertion: CHECK(cond, printf-style message) counts a pass
 * or prints the failure with its place and goes on; main() ends with
 * check_report(), which prints "N passed, N failed" and is the exit status. */
#ifndef PASCALROW_TESTS_CHECK_H
#define PASCALROW_TESTS_CHECK_H

#include <stdio.h>

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

/* "N passed, N failed" (meson's log shows it) and the exit status. */
static inline int check_report(void)
{
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}

#endif
