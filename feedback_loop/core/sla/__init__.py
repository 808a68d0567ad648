"""SLA rules: business time, due moments, the clocks of a record and their states.

- ``calendar.py``      the business calendar: working windows, holidays, make-up days (调休), time
                       zone; adding working time and measuring it between two moments
- ``targets.py``       when a target is due: clock hours, working hours or working days
- ``clock.py``         the clocks of one record: due and warning moments, pause and resume, first
                       response and fulfilment, working hours taken, escalation moments
- ``state.py``         what a clock says at a moment (On Track, At Risk, Paused, Breached, Met);
                       escalation triggers and actions; raising a priority
- ``policy_match.py``  which policy governs a record (conditions, precedence, default)
- ``now.py``           the clock that matters to a reader now, its state and the time left

Used by services/sla (the record's controller on save, the five-minute sweep, recomputation after
a policy or Holiday List changes) and api/sla.py (the policy form's preview).
"""
