"""Privacy: consent, masked contact data, anonymisation after the retention period.

- ``consent.py``          consent recorded with what comes in from outside; withdrawn consent
                          (an Unsubscribed Contact) respected; the privacy notice
- ``contact_masking.py``  the masked copies of contact data that every role may read
- ``anonymisation.py``    the daily retention job; an anonymised record refuses personal data

Wired: Feedback Record and Feedback Callback controllers (masking, refusal), tasks.py
(anonymisation daily), integrations/frappe/form_load.py (masked timeline), hooks.py
``user_data_fields`` (Personal Data Deletion and Download Requests).
"""
