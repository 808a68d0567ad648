"""What every new feedback must satisfy, whichever channel it comes through."""

from enum import Enum


class Channel(str, Enum):
	DESK = "Desk"
	PHONE = "Phone"
	EMAIL = "Email"
	PORTAL = "Portal"
	WEB = "Web"
	WECHAT = "WeChat"
	SMS = "SMS"
	IN_PERSON = "In Person"
	PAPER_FORM = "Paper Form"
	SURVEY = "Survey"
	API = "API"
	IMPORT = "Import"


class FeedbackType(str, Enum):
	COMPLAINT = "Complaint"
	SUGGESTION = "Suggestion"
	PRAISE = "Praise"
	INQUIRY = "Inquiry"


class Frequency(str, Enum):
	ONCE = "Once"
	SOMETIMES = "Sometimes"
	OFTEN = "Often"
	ALWAYS = "Always"


CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel)
FEEDBACK_TYPES: tuple[str, ...] = tuple(t.value for t in FeedbackType)
FREQUENCIES: tuple[str, ...] = tuple(f.value for f in Frequency)

#: Only a public web form may take feedback from somebody we cannot tie to a customer: opened
#: directly (Web) or from the QR code of a printed questionnaire (Paper Form).
ANONYMOUS_CHANNELS = frozenset({Channel.WEB, Channel.PAPER_FORM})

#: Channels that name their sender themselves (an address, a number, a messaging id): a
#: stranger's message is kept and answered, and an agent links the customer later.
SENDER_IDENTIFIED_CHANNELS = frozenset({Channel.EMAIL, Channel.API, Channel.WECHAT, Channel.SMS})

#: Long enough for a detailed complaint, short enough that nobody pastes a log file or a book.
MAX_DESCRIPTION_CHARS = 20_000
MAX_SUBJECT_CHARS = 140


class IntakeProblem(str, Enum):
	CUSTOMER_REQUIRED = "customer_required"
	ANONYMOUS_NOT_ALLOWED = "anonymous_not_allowed"
	ANONYMOUS_NEEDS_CONTACT = "anonymous_needs_contact"
	UNKNOWN_CHANNEL = "unknown_channel"
	UNKNOWN_TYPE = "unknown_type"
	DESCRIPTION_REQUIRED = "description_required"
	DESCRIPTION_TOO_LONG = "description_too_long"
	SUBJECT_TOO_LONG = "subject_too_long"


def check_party(
	*,
	has_customer: bool,
	anonymous: bool,
	channel: str,
	anonymous_allowed: bool,
	has_sender: bool,
	party_changed: bool = True,
) -> list[IntakeProblem]:
	"""A feedback belongs to a customer, except anonymous web feedback where the site allows it
	and messages whose channel tells who sent them.

	Anonymous feedback still needs an e-mail address or a name to reply to; otherwise nobody
	can ever close the loop with its author.

	The rule holds when feedback comes in and whenever somebody changes who it is from; a record
	whose customer was deleted in ERPNext afterwards stays editable (`party_changed` False).
	"""
	if has_customer or not party_changed:
		return []
	if _as_channel(channel) in SENDER_IDENTIFIED_CHANNELS and has_sender and not anonymous:
		return []
	if not anonymous:
		return [IntakeProblem.CUSTOMER_REQUIRED]
	if _as_channel(channel) not in ANONYMOUS_CHANNELS or not anonymous_allowed:
		return [IntakeProblem.ANONYMOUS_NOT_ALLOWED]
	if not has_sender:
		return [IntakeProblem.ANONYMOUS_NEEDS_CONTACT]
	return []


def check_classification(channel: str | None, feedback_type: str | None) -> list[IntakeProblem]:
	problems = []
	if _as_channel(channel) is None:
		problems.append(IntakeProblem.UNKNOWN_CHANNEL)
	if feedback_type not in FEEDBACK_TYPES:
		problems.append(IntakeProblem.UNKNOWN_TYPE)
	return problems


def check_text(subject: str | None, description_plain_text: str | None) -> list[IntakeProblem]:
	"""Limits are on what a person reads (the plain text), not on the HTML markup around it."""
	problems = []
	if subject and len(subject) > MAX_SUBJECT_CHARS:
		problems.append(IntakeProblem.SUBJECT_TOO_LONG)
	text = (description_plain_text or "").strip()
	if not text:
		problems.append(IntakeProblem.DESCRIPTION_REQUIRED)
	elif len(text) > MAX_DESCRIPTION_CHARS:
		problems.append(IntakeProblem.DESCRIPTION_TOO_LONG)
	return problems


def subject_from_description(description_plain_text: str, limit: int = 80) -> str:
	"""A subject for channels that send only a text (SMS, WeChat): its first line, shortened."""
	first_line = next((line.strip() for line in description_plain_text.splitlines() if line.strip()), "")
	return first_line if len(first_line) <= limit else first_line[: limit - 1].rstrip() + "…"


def _as_channel(value: str | None) -> Channel | None:
	try:
		return Channel(value)
	except ValueError:
		return None
