"""Run the C example program and check its output against math.comb."""
import math
import subprocess
import sys

exe, n = sys.argv[1], int(sys.argv[2])
sys.set_int_max_str_digits(0)
out = subprocess.run([exe, str(n)], check=True, capture_output=True, text=True).stdout
got = [int(line) for line in out.split()]
want = [math.comb(n, k) for k in range(n + 1)]
if got != want:
    bad = next((k for k, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    sys.exit(f"row {n}: {len(got)} values, first mismatch at k={bad}")
print(f"row {n}: {len(got)} values equal math.comb")
