"""Revisits and surveys: the ERP asks for them, we send them, the customer's answers act.

- ``triggers.py``  Feedback Triggers: a watched submit or status change (or a period) schedules a
                   revisit, throttled per customer, only with consent
- ``sender.py``    send what is due: survey e-mails and phone-call tasks, reminders, No Response
- ``survey.py``    the survey link, e-mail and page, and what an answer sets off (low score →
                   feedback, a verification closes or reopens)
- ``follow_up.py`` the feedback an unhappy answer raises: after the customer's commit in a job,
                   swept up every ten minutes if the job was lost

Wired: integrations/frappe/any_document.py (the `"*"` hook), Feedback Trigger controller (cache),
tasks.py (send and sweep missed follow-ups every 10 minutes, periodic check-ins daily), api/survey.py and
www/feedback/survey.py (the public page).
"""
