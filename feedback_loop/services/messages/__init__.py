"""What we tell the customer: in their language, on the channel they read, as one conversation.

- ``outbound.py``         the one way to tell a customer something: a Feedback Message, rendered
                          for every channel, sent through the customer's channels in order, each
                          attempt recorded, passing failures retried, a failure shown on the record
- ``reach.py``            the customer's address, number and WeChat user, the channel they prefer
                          and the one they came through, and which channels the site has set up
- ``language.py``         the reply language: explicit choice, own words, Customer, site default
- ``texts.py``            the words of each message per channel and language (Feedback Message
                          Templates), ``default_texts.py`` as shipped
- ``email_channel.py``    e-mail through Frappe's Email Queue
- ``sms_channel.py``      SMS through Frappe's SMS Settings, the gateway's answer read
- ``wechat_channel.py``   WeChat Official Account messages: token, 48-hour window, template
- ``conversation.py``     every message in and out as a Communication on the record's timeline,
                          linked to the Customer and Contact
- ``acknowledgement.py``  the acknowledgement: number and promised reply time

Wired: Feedback Record controller (acknowledgement after insert), services/plans/notices.py and
services/callbacks/sender.py (plan notices, surveys, reminders), services/intake/messaging.py
(the relayed reply and the received message), tasks.py (``send_due_messages`` every five
minutes), Feedback Messaging Source controller (a new AppSecret forgets the token).
"""
