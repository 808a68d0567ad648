"""Intake: every channel in, one code path (``create.create_feedback``), one validation on save.

- ``create.py``           the one way feedback comes in from outside the desk form: API, messaging
                          webhook, portal, web form, survey answers (idempotency, party, consent)
- ``validation.py``       checks every Feedback Record passes on save, whatever its channel
- ``references.py``       every linked document belongs to the feedback's customer
- ``prefill.py``          values for a new record opened from a Customer, order, delivery, invoice
                          or issue page
- ``party_matching.py``   the Contact and Customer behind an address, a number or a portal user
- ``sender_identity.py``  a messaging sender id linked once to a Contact, used from then on
- ``inbound_email.py``    feedback by e-mail (Email Account append_to), replies in the thread
- ``messaging.py``        a signed message from a WeChat or SMS gateway becomes feedback once
- ``portal.py``           the customer's own feedback on the portal, and the web form
- ``errors.py``           refusals of outside input: one message per field, in the caller's language
- ``limits.py``           rate and size limits from Feedback Settings
- ``topics.py``           structured intake: topics and their aspects on the web form, checked
- ``paper_forms.py``      paper questionnaires: printed with a QR code, typed in at the desk
- ``key_facts.py``        which key facts a record lacks for its type, stored for Channel Health

Wired: Feedback Record controller (validation, references, sender identity, inbound e-mail),
api/intake.py, api/messaging.py, api/portal.py, api/feedback.py (prefill), www/feedback/new.py,
www/my-feedback/, integrations/frappe/communication.py (mail received).
"""
