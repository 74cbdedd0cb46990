"""Benchmarks behind `edge bench …`: medians and ratios against a baseline of the same run."""
