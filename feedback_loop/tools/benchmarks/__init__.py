"""Benchmarks: each prints figures and ratios against the matching ERPNext feature, measured in
the same run; nothing is committed (docs/benchmarks.md has the figures so far).

- ``intake.py``        recording feedback vs recording an ERPNext Issue; the acknowledgement job;
                       the Customer page's summary vs ERPNext's dashboard counts
- ``sla_calendar.py``  a due moment vs ERPNext's own SLA arithmetic
- ``sla_sweep.py``     the sweep's state updates vs a bare indexed UPDATE
- ``reports.py``       every feedback report vs a bare GROUP BY and ERPNext's Issue reports
- ``data_import.py``   Data Import of feedback vs of ERPNext Issues
- ``retention.py``     the retention job vs Personal Data Deletion Request
- ``load.py``          survey answers and API feedback under load vs Issues through the REST API
                       (127.0.0.1 only)
"""
