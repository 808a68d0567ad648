"""Demo data for reports and benchmarks.

- ``records.py``  the rows, framework-free and deterministic for a seed (tested with plain pytest)
- ``site.py``     written to a site with bulk inserts and removed again exactly, by name prefix
"""
