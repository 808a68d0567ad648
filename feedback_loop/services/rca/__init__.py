"""Root cause analyses on Frappe documents.

- ``analysis.py``  validation by the core's rules, the fishbone SVG, validation stamps and the
                   root cause written back to every linked feedback
- ``workflow.py``  the shipped workflow kept in step with Feedback Settings (self-validation)

Wired: Root Cause Analysis controller, api/root_cause_analysis.py, hooks.py ``jinja`` (the
fishbone in the print format), Feedback Settings controller.
"""
