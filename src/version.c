/* Version and status strings. */
#include "pascalrow.h"

unsigned pascalrow_version_number(void) { return PASCALROW_VERSION_NUMBER; }

const char *pascalrow_strerror(int status)
{
    switch (status) {
    case PASCALROW_OK:        return "success";
    case PASCALROW_EINVAL:    return "invalid argument (NULL pointer or value out of domain)";
    case PASCALROW_EOVERFLOW: return "result does not fit the fixed-width type";
    case PASCALROW_ERANGE:    return "size too large for size_t arithmetic";
    case PASCALROW_ENOMEM:    return "out of memory";
    case PASCALROW_EINTR:     return "interrupted by the caller's callback";
    default:                  return "unknown pascalrow status";
    }
}
