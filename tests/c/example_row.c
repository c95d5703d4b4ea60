/* The C example of docs/c.md (and the README): print row n of Pascal's triangle, one value a line.
 *   cc example_row.c $(pkg-config --cflags --libs pascalrow) -o example_row
 *   ./example_row 999 */
#include <pascalrow.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10;
    mpz_t *row = malloc((n + 1) * sizeof *row);
    if (row == NULL) return 1;
    for (unsigned long k = 0; k <= n; k++) mpz_init(row[k]);

    int status = pascalrow_row_mpz(n, row);
    if (status != PASCALROW_OK) {
        fprintf(stderr, "pascalrow_row_mpz: %s\n", pascalrow_strerror(status));
        return 1;
    }
    for (unsigned long k = 0; k <= n; k++) {
        mpz_out_str(stdout, 10, row[k]);
        putchar('\n');
        mpz_clear(row[k]);
    }
    free(row);
    return 0;
}
