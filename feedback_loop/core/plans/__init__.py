"""Improvement plan rules.

- ``lifecycle.py``  the plan workflow as data (approval by budget, work, completion,
                    verification), action statuses, and what each move needs
- ``effect.py``     targets, progress, baseline and after figures, and the verdict

Used by services/plans (the Improvement Plan controller, the daily verification and alert jobs,
the weekly digest) and setup/workflows.py (installs the workflow).
"""
