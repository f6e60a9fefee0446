"""Benchmarks for SPEC section 9: `python -m benchmarks` (or `make bench`)."""
