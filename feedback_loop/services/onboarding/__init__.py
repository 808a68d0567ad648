"""Guided setup with Frappe's Module Onboarding ("Feedback Loop Setup" on the workspace).

- ``setup_state.py``  the site's facts for core/onboarding/steps.py, and each Onboarding Step
                      marked done or not from them (never from a click alone)

Wired: hooks.py boot_session (each desk load of a user who sees the panel), doc_events of the
doctypes a step reads (integrations/), and the controllers of Feedback Settings, Feedback SLA
Policy, Feedback Trigger and Feedback Messaging Source.
"""
