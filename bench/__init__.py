"""Benchmarks and quality evaluations; not part of the test suite. Each takes its dataset path as an argument."""
