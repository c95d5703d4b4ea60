# The NumPy ufuncs behind comb_array and valuation_array (pascalrow._arrays).
# NumPy is optional: without it these type-check as Any
import numpy as np  # type: ignore[import-not-found, unused-ignore]

comb_u64: np.ufunc
comb_object: np.ufunc
comb_mod: np.ufunc
valuation: np.ufunc
