"""Adapters between Frappe documents and the framework-free core.

A service reads what the core needs from the database or settings, calls the core, and writes
the outcome back or raises a translated message. Controllers, the API, hooks and scheduled
jobs call services; none of them holds business rules of its own.

Map, one package per capability, named as in ``feedback_loop.core``:

- ``intake/``     the one code path for feedback from every channel, and its validation
- ``messages/``   what we tell the customer: acknowledgement, the shipped texts
- ``triage/``     text analysis of records, priority rules, routing (Assignment Rule), segment,
                  duplicates, assignee columns
- ``sla/``        the clocks of a record, the sweep, recomputation, calendars from policies
- ``callbacks/``  Feedback Triggers, sending revisits, the survey page and its answers
- ``rca/``        root cause analyses and their workflow
- ``plans/``      improvement plans: rules on save, notices, tracking, verification, workflow
- ``reports/``    the script reports, the workspace's number cards, the Customer page's figures
- ``privacy/``    consent, masked contact data, anonymisation after the retention period
- ``onboarding/`` the setup panel's steps marked done from the site's real state
- ``erp_links/``  our records' links to ERPNext documents: a deleted one leaves a trace

and what every capability shares:

- ``feedback_settings.py``  Feedback Settings, cached, with their defaults
- ``feedback_status.py``    status changes of a Feedback Record, checked by the core's state machine
- ``plain_text.py``         a Text Editor field as the plain text the customer wrote
- ``site_language.py``      jobs and bench commands speak the site's language
- ``deadlock_retry.py``     a request's work run again when the database chose it as deadlock victim
"""
