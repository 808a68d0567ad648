"""Department (ERPNext): a standard department made after install (the setup wizard) is given to
the seeded routing rule that takes its categories."""

from feedback_loop.services.triage.routing import on_department_added

after_insert = on_department_added
