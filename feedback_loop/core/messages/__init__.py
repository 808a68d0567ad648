"""Rules of what we tell the customer and through which channel.

- ``channels.py``  the channel order (preferred, learned, configured), what an attempt's outcome
                   means, and the next step of a message: send, wait (backoff) or give up
- ``sms.py``       SMS texts within the segment limit (70 UCS-2 units for Chinese), opt-out last,
                   never cut inside a character, link or number; what a gateway's answer means
- ``moments.py``   a promised moment with its time zone ("2026-12-08 18:00 (UTC+08:00)")
- ``wechat.py``    WeChat Official Account answers (token, quota, unknown user, credentials),
                   the 48-hour service window, and the message bodies

The reply language itself is ``core/language.py``. Used by services/messages (every message we
send a customer: acknowledgement, surveys, reminders, plan notices).
"""
