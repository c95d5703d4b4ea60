"""pascalrow — exact binomial coefficients, fast.

Rows of Pascal's triangle and single binomial coefficients as plain, exact
Python ints, computed in C (fixed-width fast path, GMP beyond it).

>>> import pascalrow
>>> pascalrow.pascal_row(5)
[1, 5, 10, 10, 5, 1]
>>> pascalrow.comb(10, 3)
120
"""

from ._library import library_path
from ._pascalrow import __version__, comb, pascal_row
from ._pascalrow import multinomial, pascal_triangle
from ._pascalrow import get_num_threads, set_num_threads
from ._pascalrow import binomial, valuation
from ._pascalrow import row_sum
from ._pascalrow import WordArray
from ._arrays import comb_array, valuation_array

__all__ = ["__version__", "comb", "pascal_row", "library_path"]
__all__ += ["multinomial", "pascal_triangle"]
__all__ += ["get_num_threads", "set_num_threads"]
__all__ += ["binomial", "valuation"]
__all__ += ["row_sum"]
__all__ += ["WordArray"]
__all__ += ["comb_array", "valuation_array"]
