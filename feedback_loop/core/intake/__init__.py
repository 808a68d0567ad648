"""Intake rules: what every new feedback must satisfy, whichever channel it comes through.

- ``rules.py``              channels, feedback types, field limits, a customer or a way to reply,
                            the subject taken from the description
- ``payload.py``            what an outside channel (API, webhook, portal) may send, checked field
                            by field before anything is stored; the idempotency key
- ``webhook_signature.py``  signed messages from messaging gateways: HMAC, clock skew, one nonce once
- ``automatic_mail.py``     mail no person wrote (auto-replies, bounces) is never acknowledged
- ``key_facts.py``         the facts each feedback type needs (who to answer, clear words, the order or
                            product) and which a record lacks
- ``topics.py``            structured intake: a topic, its ticked aspects, the order or product it needs
- ``paper_forms.py``        a returned paper questionnaire: its feedback type, its answers as text
- ``received_on.py``        when the customer gave the feedback: never in the future, never before
                            the problem happened; the SLA clock starts there

Used by services/intake (desk form validation, API, portal, webhook, inbound e-mail).
"""
