"""Benchmarks: the console against its floor and its peers, as ratios measured in one run.

Run `python -m bench` (or `python -m bench --quick`); see README.md, section Benchmarks.
"""
