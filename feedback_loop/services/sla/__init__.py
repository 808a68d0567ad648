"""SLA of a Feedback Record: the core's rules (core/sla) applied to records and kept true.

- ``clocks.py``             read a record's clocks, move them by the core's rules, write them back
- ``policy.py``             which policy governs a record; the policy read into the core's terms
- ``calendar_source.py``    a policy's business calendar from its windows, make-up days and Holiday
                            List, cached
- ``system_time.py``        Frappe's naive system-time moments made aware and back
- ``sweep.py``              the five-minute sweep: set-based state updates, escalations fired once
- ``recompute.py``          open records' moments again after a policy or Holiday List changes
- ``policy_validation.py``  clear messages for a policy that cannot work
- ``indicator.py``          the form header's indicator: the clock that matters now, time left

Wired: Feedback Record controller (``clocks.apply_sla``; ``indicator.sla_indicator`` on load), Feedback SLA Policy controller
(validation, recompute), integrations/erpnext/holiday_list.py, integrations/frappe/communication.py
(an e-mail sent is a first response), tasks.py (``sweep_sla`` every five minutes), api/sla.py.
"""
