"""Adapters between Frappe documents and the framework-free core.

A service reads what the core needs from the database or settings, calls the core, and writes
the outcome back or raises a translated message. Controllers, the API, hooks and scheduled
jobs call services; none of them holds business rules of its own.
"""
