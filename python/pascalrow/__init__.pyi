# The package as __init__.py builds it: the extension's names (typed in
# _pascalrow.pyi), library_path (typed in _library.py) and the array
# functions (typed in _arrays.py), with the same
# __all__.  mypy.stubtest holds both stubs to the run time (tests/python/test_typing.py).
from ._arrays import comb_array as comb_array
from ._arrays import valuation_array as valuation_array
from ._library import library_path as library_path
from ._pascalrow import WordArray as WordArray
from ._pascalrow import __version__ as __version__
from ._pascalrow import binomial as binomial
from ._pascalrow import comb as comb
from ._pascalrow import get_num_threads as get_num_threads
from ._pascalrow import multinomial as multinomial
from ._pascalrow import pascal_row as pascal_row
from ._pascalrow import pascal_triangle as pascal_triangle
from ._pascalrow import row_sum as row_sum
from ._pascalrow import set_num_threads as set_num_threads
from ._pascalrow import valuation as valuation

__all__ = [
    "__version__",
    "comb",
    "pascal_row",
    "library_path",
    "multinomial",
    "pascal_triangle",
    "get_num_threads",
    "set_num_threads",
    "binomial",
    "valuation",
    "row_sum",
    "WordArray",
    "comb_array",
    "valuation_array",
]
