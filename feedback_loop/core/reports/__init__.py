"""Report arithmetic, on figures the database has already grouped.

- ``figures.py``         rates and shares from counts (None, not 0, without a whole), pooled change
- ``periods.py``         the previous period of the same length, change, grouping keys and labels,
                         every period of a range, channel shares
- ``top_issues.py``      top categories or items, their share, the 10 % flag, shared keywords
- ``satisfaction.py``    CSAT average and satisfied share, NPS, CES from answer distributions;
                         low / fair / good against the settings' thresholds
- ``revisits.py``        revisit outcomes and the response rate (answered ÷ sent)
- ``sla_compliance.py``  met and breached shares, medians and percentiles of working hours
- ``recommendations.py`` per validated analysis: the solutions chosen (else the best returns) and
                         its plans
- ``channel_health.py``  weekly volume per channel with zeros, shares against the usual share
                         (over 40 %, under a tenth of usual), key-fact completeness, invalid and
                         duplicate shares

Used by services/reports (the script reports, the workspace's number cards, the Customer page).
"""
