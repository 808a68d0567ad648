"""The figures of the script reports, the workspace and the Customer page.

Every count is a GROUP BY in the database through ``frappe.get_list`` (``queries.py``), so a
reader counts only the records they may read; the arithmetic on grouped rows is core/reports.

- ``queries.py``, ``cards.py``, ``charts.py``   counting, summary cards, chart data
- ``feedback_overview.py``, ``top_issues.py``, ``sentiment_trend.py``, ``satisfaction_trend.py``,
  ``sla_compliance.py``, ``callback_performance.py``, ``improvement_effectiveness.py``,
  ``customer_feedback_summary.py``, ``channel_health.py``
                                                one module per report of the same name
- ``sentiment_counting.py``                     how the reports count sentiment, said by each
- ``workspace_cards.py``                        number cards beyond a plain count
- ``score_levels.py``                           red / orange / green of a CSAT average or an NPS

Wired: feedback_loop/report/<report>/<report>.py (each calls its module), api/workspace.py (number
cards), api/feedback.py (the Customer page's summary), api/root_cause_analysis.py (from Top Issues).
"""
