"""The framework-free core of feedback_loop.

Everything here is plain Python: no import of frappe or erpnext, so every rule can be tested
with plain pytest and reused by the desk form, the portal, the API and scheduled jobs alike.
The Frappe shell (``feedback_loop.services``) reads documents and settings, calls the core,
and writes the outcome back.
"""
