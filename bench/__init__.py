"""Benchmarks (not timed tests): `python -m bench.edit_cost`, `python -m bench.make_store`."""
