"""Guided setup: which steps of the administrator's first hour are done, from facts about the site.

- ``steps.py``  the steps in order, and each one's rule for "done" (``SetupFacts`` → done or not)

Used by services/onboarding (Frappe's Module Onboarding "Feedback Loop Setup", refreshed from the
site's real state).
"""
