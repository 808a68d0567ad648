"""Mail that no person wrote: never acknowledged, so that two robots cannot answer each other forever.

Frappe stores neither the Auto-Submitted nor the Precedence header of a received mail, so the
sender's address and the subject are what is left to judge by (RFC 3834 robots use a handful of
well-known local parts, and out-of-office replies announce themselves in the subject).
"""

import re

_ROBOT_LOCAL_PARTS = re.compile(
	r"^(no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]?daemon|postmaster|bounces?|"
	r"auto[-_.]?(reply|responder|confirm)|notifications?|daemon)([-+_.].*)?$",
	re.IGNORECASE,
)

_AUTOMATIC_SUBJECTS = re.compile(
	r"(auto(matic)?[- ]?(reply|response|antwort)|out of (the )?office|abwesenheit|"
	r"undeliverable|undelivered mail|delivery status notification|mail delivery (failed|failure)|"
	r"returned mail|自动回复|自动答复|外出|退信|无法投递|系统退信)",
	re.IGNORECASE,
)

#: At most this many acknowledgements to one address a day: a robot we did not recognise
#: that keeps writing new threads gets a few answers, not one per message.
MAX_ACKNOWLEDGEMENTS_PER_SENDER_PER_DAY = 3


def is_automatic(sender: str | None, subject: str | None) -> bool:
	local_part = (sender or "").strip().rsplit("@", 1)[0]
	if local_part and _ROBOT_LOCAL_PARTS.match(local_part):
		return True
	return bool(subject and _AUTOMATIC_SUBJECTS.search(subject))


def should_acknowledge(
	sender: str | None,
	subject: str | None,
	*,
	own_addresses: set[str],
	acknowledged_today: int,
) -> bool:
	"""Whether a new record that came in by e-mail may be answered with an acknowledgement."""
	address = (sender or "").strip().lower()
	if not address or address in own_addresses:
		return False
	if is_automatic(address, subject):
		return False
	return acknowledged_today < MAX_ACKNOWLEDGEMENTS_PER_SENDER_PER_DAY
