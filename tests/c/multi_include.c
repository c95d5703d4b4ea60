/* pascalrow.h may be included more than once. */
#include <pascalrow.h>
#include <pascalrow.h>
#include <stdio.h>

int nogmp_version(void);

int main(void)
{
    mpz_t z;
    mpz_init(z);
    int ok = pascalrow_comb_mpz(10, 3, z) == PASCALROW_OK && mpz_cmp_ui(z, 120) == 0
          && nogmp_version() == PASCALROW_VERSION_NUMBER
          && pascalrow_version_number() == PASCALROW_VERSION_NUMBER;
    mpz_clear(z);
    puts(ok ? "1 passed, 0 failed" : "0 passed, 1 failed");
    return ok ? 0 : 1;
}
