"""Revisit and survey rules.

- ``schedule.py``        when a revisit is due (hours, days, working days), whether the
                         per-customer throttle holds it back, when a failed send is retried
- ``survey_answers.py``  question types (CSAT, NPS, CES, choice, text, solved), the answers each
                         accepts, the scores and what counts as a low one
- ``survey_token.py``    signed, expiring survey links that nobody can guess or alter

Used by services/callbacks (Feedback Trigger hooks, the ten-minute sender, the survey page).
"""
