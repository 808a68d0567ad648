# Shim for tools that still call setup.py; the real metadata lives in pyproject.toml (PEP 621).
from setuptools import setup

setup()
