"""Report arithmetic, on figures the database has already grouped.

- ``periods.py``         the previous period of the same length, change, grouping keys and labels,
                         channel shares
- ``top_issues.py``      top categories or items, their share, the 10 % flag, shared keywords
- ``satisfaction.py``    CSAT average and satisfied share, NPS, CES from answer distributions
- ``sla_compliance.py``  met and breached shares, medians and percentiles of working hours

Used by services/reports (the script reports, the workspace's number cards, the Customer page).
"""
