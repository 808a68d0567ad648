"""What we tell the customer, in their language.

- ``acknowledgement.py``  the acknowledgement e-mail (number, summary, promised reply time) through
                          Email Queue; the customer's reply language and address
- ``default_texts.py``    every customer-facing text as shipped, in Chinese and English; Feedback
                          Settings start from these and fall back to them

Wired: Feedback Record controller (acknowledgement after insert); services/plans/notices.py,
services/intake/messaging.py and services/privacy/consent.py use the shipped texts.
"""
