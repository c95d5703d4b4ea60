/* Internal helpers shared by the library's translation units; not installed. */
#ifndef PASCALROW_INTERNAL_H
#define PASCALROW_INTERNAL_H

#include "pascalrow.h"

#include <assert.h>
#include <limits.h>

/* The walk hands GMP's limbs to callers as uint64_t: that is only a view when
 * a limb is exactly 64 bits with no nails, which is what every 64-bit Linux,
 * macOS and Windows build of GMP has. */
_Static_assert(GMP_LIMB_BITS == 64 && GMP_NAIL_BITS == 0,
               "pascalrow needs GMP with 64-bit limbs and no nails");
_Static_assert(sizeof(mp_limb_t) == sizeof(uint64_t), "mp_limb_t must be 64-bit");
_Static_assert(sizeof(unsigned long) == sizeof(uint64_t),
               "mpz_bin_uiui must take 64-bit arguments (LP64)");

#endif
