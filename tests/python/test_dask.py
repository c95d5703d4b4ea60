"""pascalrow.dask: rows mod m as dask arrays, computed on a LocalCluster of
worker processes and checked against pascal_row in this process.  dask,
distributed and numpy are test dependencies: without them these tests fail."""
import math
import pickle
import subprocess
import sys

import dask
import dask.array as da
import numpy
import pytest
from dask.distributed import Client, LocalCluster
from hypothesis import given, settings
from hypothesis import strategies as st

import pascalrow
import pascalrow.dask

# Times a response or starts processes: run alone (tests/tools/all_pythons.sh).
pytestmark = pytest.mark.serial

P = 10**9 + 7
N = 10**7


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as c:
        yield c


def ranges(x, start):
    """[a, b) of k for each block of x, whose first k is start."""
    out = []
    for size in x.chunks[0]:
        out.append((start, start + size))
        start += size
    return out


def test_row_on_a_cluster_block_by_block(client):
    x = pascalrow.dask.pascal_row(N, mod=P, chunks=3_000_000)
    assert (x.shape, x.dtype, x.chunks) == ((N + 1,), numpy.uint64, ((3_000_000,) * 3 + (1_000_001,),))
    futures = client.compute(list(x.to_delayed()))
    blocks = client.gather(futures)
    assert len(blocks) == 4
    for (a, b), got in zip(ranges(x, 0), blocks):
        assert got.dtype == numpy.uint64 and got.shape == (b - a,)
        assert numpy.array_equal(got, numpy.asarray(pascalrow.pascal_row(N, a, b, mod=P, dtype="uint64")))
    # both worker processes took blocks
    assert len({w for ws in client.who_has(futures).values() for w in ws}) == 2


def test_row_sum_on_a_cluster(client):
    # each block summed where it lies: values < P < 2**30, blocks of 2**22
    # values, so a block's sum < 2**52 fits uint64; then mod P as Python ints
    x = pascalrow.dask.pascal_row(N, mod=P, chunks=1 << 22)
    sums = x.map_blocks(lambda b: numpy.array([b.sum() % P], dtype=numpy.uint64),
                        chunks=((1,) * x.numblocks[0],))
    got = client.compute(sums).result()
    assert len(got) == 3
    assert sum(int(s) for s in got) % P == pow(2, N, P)


def test_slices_on_a_cluster(client):
    for start, stop, chunks in [(4_999_990, 5_000_010, 7), (N - 5, None, 2), (N - 5, 2 * N, 4), (0, 10, 3)]:
        x = pascalrow.dask.pascal_row(N, start, stop, mod=P, chunks=chunks)
        want = pascalrow.pascal_row(N, start, stop, mod=P, dtype="uint64")
        assert client.compute(x).result().tolist() == want.tolist()
    assert pascalrow.dask.pascal_row(N, N + 1, mod=P).shape == (0,)
    assert pascalrow.dask.pascal_row(N, 50, 20, mod=P).compute(scheduler="synchronous").tolist() == []


def test_to_npy_stack_round_trip(client, tmp_path):
    x = pascalrow.dask.pascal_row(10**6, 1000, 900_000, mod=P, chunks=250_000)
    with dask.config.set(scheduler=client.get):
        da.to_npy_stack(tmp_path, x)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.npy", "1.npy", "2.npy", "3.npy", "info"]
    back = da.from_npy_stack(tmp_path)
    assert back.chunks == x.chunks
    assert numpy.array_equal(back.compute(scheduler="synchronous"),
                             numpy.asarray(pascalrow.pascal_row(10**6, 1000, 900_000, mod=P, dtype="uint64")))


def test_graph_holds_only_small_ints():
    x = pascalrow.dask.pascal_row(10**18, 5 * 10**17, 5 * 10**17 + 10**9, mod=P)
    assert x.numblocks == (math.ceil(10**9 / pascalrow.dask.DEFAULT_CHUNK),) == (60,)
    graph = dict(x.__dask_graph__())
    assert len(graph) == 60                        # one task per block, nothing else
    assert len(pickle.dumps(graph)) < 200 * 60
    first = x.blocks[0]
    assert first.shape == (pascalrow.dask.DEFAULT_CHUNK,)


@settings(max_examples=150)
@given(n=st.integers(0, 80), start=st.integers(0, 90) | st.none(), stop=st.integers(0, 90) | st.none(),
       mod=st.integers(1, 60) | st.integers(2**62, 2**63 - 1), chunks=st.integers(1, 30))
def test_small_rows_equal_math_comb(n, start, stop, mod, chunks):
    x = pascalrow.dask.pascal_row(n, start, stop, mod=mod, chunks=chunks)
    want = [math.comb(n, k) % mod for k in range(*slice(start, stop).indices(n + 1))]
    assert x.shape == (len(want),)
    assert x.compute(scheduler="synchronous").tolist() == want


def test_chunks_as_dask_takes_them():
    x = pascalrow.dask.pascal_row(20, mod=7, chunks=(5, 0, 16))
    assert x.chunks == ((5, 0, 16),)
    assert x.compute(scheduler="synchronous").tolist() == [math.comb(20, k) % 7 for k in range(21)]
    assert pascalrow.dask.pascal_row(20, mod=7, chunks=-1).chunks == ((21,),)
    assert pascalrow.dask.pascal_row(20, mod=7).chunks == ((21,),)
    assert pascalrow.dask.pascal_row(10**9, mod=7).chunks[0][:2] == (1 << 24, 1 << 24)


@pytest.mark.parametrize("args,kwargs,error,message", [
    ((-3,), {"mod": 7}, ValueError, "n must be a non-negative integer"),
    ((2**64 - 1,), {"mod": 7}, OverflowError, "n must be less than 2**64 - 1"),
    ((1.5,), {"mod": 7}, TypeError, "'float' object cannot be interpreted as an integer"),
    ((10, -1), {"mod": 7}, ValueError, "start must be a non-negative integer"),
    ((10, 0, -1), {"mod": 7}, ValueError, "stop must be a non-negative integer"),
    ((10, "2"), {"mod": 7}, TypeError, "cannot be interpreted as an integer"),
    ((10, 0, 2.0), {"mod": 7}, TypeError, "cannot be interpreted as an integer"),
    ((10,), {"mod": 0}, ValueError, "mod must be a positive integer"),
    ((10,), {"mod": -5}, ValueError, "mod must be a positive integer"),
    ((10,), {"mod": 2**63}, OverflowError, "mod must be less than 2**63"),
    ((10,), {"mod": 7.0}, TypeError, "cannot be interpreted as an integer"),
    ((10,), {"mod": None}, TypeError, "needs mod: the exact values do not fit uint64"),
    ((10,), {}, TypeError, "missing 1 required keyword-only argument: 'mod'"),
    ((10,), {"mod": 7, "chunks": 0}, ValueError, "chunks must be a positive block length"),
    ((10,), {"mod": 7, "chunks": -2}, ValueError, "chunks must be a positive block length"),
    ((10,), {"mod": 7, "chunks": (3, 3)}, ValueError, "Chunks do not add up to shape"),
])
def test_bad_arguments(args, kwargs, error, message):
    with pytest.raises(error) as exc:
        pascalrow.dask.pascal_row(*args, **kwargs)
    assert message in str(exc.value)


def test_out_of_reach_block_raises_when_computed():
    x = pascalrow.dask.pascal_row(10**18, 5 * 10**17, 5 * 10**17 + 4, mod=3**30)
    with pytest.raises(OverflowError, match="out of reach"):
        x.compute(scheduler="synchronous")


def test_import_pascalrow_does_not_import_dask():
    code = "import sys, pascalrow; print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stdout) == (0, "[]\n"), r.stderr
