/* Without GMP: the fixed-width and size API only. */
#define PASCALROW_NO_GMP
#include <pascalrow.h>
#ifdef __GNU_MP__
#error "PASCALROW_NO_GMP must keep <gmp.h> out"
#endif

int nogmp_version(void)
{
    uint64_t row[PASCALROW_U64_MAX_N + 1];
    if (pascalrow_row_u64(PASCALROW_U64_MAX_N, row) != PASCALROW_OK) return -1;
    return (int)pascalrow_version_number();
}
