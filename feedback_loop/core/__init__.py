"""The framework-free core of feedback_loop.

Everything here is plain Python: no import of frappe or erpnext (a test keeps it so), so every
rule can be tested with plain pytest and reused by the desk form, the portal, the API and
scheduled jobs alike. The Frappe shell (``feedback_loop.services``, same package names) reads
documents and settings, calls the core, and writes the outcome back.

Map, one package per capability of the loop:

- ``intake/``     what every new feedback must satisfy, whichever channel it comes through;
                  when it was received
- ``triage/``     priority (matrix and rules), routing conditions, segment, first sentiment,
                  category search; text analysis in ``text/``
- ``sla/``        business calendar, targets, clock rules, states, policy choice
- ``messages/``   the channel a message goes through, SMS texts that fit, WeChat's answers
- ``callbacks/``  revisit schedule and throttling, survey answers and scores, signed links
- ``rca/``        5 Whys, fishbone (rules, layout, SVG), the analysis workflow
- ``plans/``      improvement plan workflow and guards, effect and verdict
- ``reports/``    periods, top issues, satisfaction and SLA compliance figures
- ``privacy/``    masking of contact data, who sees which feedback
- ``onboarding/`` the administrator's setup steps and when each is done
- ``erp_links/``  what a record keeps of a deleted ERPNext document, which revisits it cancels

and the record's shared vocabulary, used by every capability:

- ``feedback_status.py``  the Feedback Record's statuses and the changes allowed between them
- ``language.py``         the language of a text and the language to answer a customer in
- ``workflow.py``         a Frappe Workflow as data (states, transitions)
- ``write_batches.py``    rows to write back in UPDATEs of bounded size
"""
