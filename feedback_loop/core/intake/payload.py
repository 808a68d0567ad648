"""What an outside channel may send to create feedback, checked field by field before anything is stored.

The REST API, the messaging webhook and the portal form hand over untrusted dictionaries
(parsed JSON or form fields). Every problem is reported at once, named by field, so that an
integrator fixes a request in one round instead of one error at a time; nothing is coerced
silently, because a number where a text was expected usually means a mapped column is wrong.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from feedback_loop.core.intake.rules import (
	FEEDBACK_TYPES,
	MAX_DESCRIPTION_CHARS,
	MAX_SUBJECT_CHARS,
	Channel,
)
from feedback_loop.core.triage.priority_matrix import Impact, Urgency

# From the priority matrix's own values, so the API can never offer one the matrix lacks.
IMPACTS = tuple(impact.value for impact in Impact)
URGENCIES = tuple(urgency.value for urgency in Urgency)
LANGUAGES = ("zh", "en")

#: Channels an integration may name; Desk, Portal, Survey, Email and Import have their own entries.
API_CHANNELS = (
	Channel.API.value,
	Channel.PHONE.value,
	Channel.WECHAT.value,
	Channel.SMS.value,
	Channel.WEB.value,
	Channel.IN_PERSON.value,
	Channel.PAPER_FORM.value,
)

MAX_ID_CHARS = 140
MAX_NAME_CHARS = 140
MAX_EXPECTED_SOLUTION_CHARS = 2_000
MAX_PHONE_CHARS = 40
#: Ticked aspects of a topic, one per line: a few short names.
MAX_ASPECTS_CHARS = 1_000

_EMAIL = re.compile(r"^[^@\s<>\"'`]+@[^@\s<>\"'`]+\.[^@\s<>\"'`]+$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{5,}$")
# Control characters other than tab and line breaks: never part of a customer's words.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class FieldProblem(str, Enum):
	REQUIRED = "required"
	NOT_TEXT = "not_text"
	TOO_LONG = "too_long"
	NOT_ALLOWED = "not_allowed"
	UNKNOWN_FIELD = "unknown_field"
	BAD_EMAIL = "bad_email"
	BAD_PHONE = "bad_phone"
	BAD_DATE = "bad_date"
	FUTURE_DATE = "future_date"
	CONTROL_CHARACTERS = "control_characters"


@dataclass(frozen=True)
class FieldSpec:
	max_chars: int
	required: bool = False
	choices: tuple[str, ...] = ()
	kind: str = "text"  # text | email | phone | date | datetime | flag


#: Every field an integration may send (README "Submitting feedback through the API").
API_FIELDS: dict[str, FieldSpec] = {
	"external_id": FieldSpec(MAX_ID_CHARS, required=True),
	"channel": FieldSpec(20, choices=API_CHANNELS),
	"feedback_type": FieldSpec(20, required=True, choices=FEEDBACK_TYPES),
	"subject": FieldSpec(MAX_SUBJECT_CHARS),
	"description": FieldSpec(MAX_DESCRIPTION_CHARS, required=True),
	"expected_solution": FieldSpec(MAX_EXPECTED_SOLUTION_CHARS),
	"customer": FieldSpec(MAX_NAME_CHARS),
	"contact_email": FieldSpec(MAX_NAME_CHARS, kind="email"),
	"contact_phone": FieldSpec(MAX_PHONE_CHARS, kind="phone"),
	"sender_name": FieldSpec(MAX_NAME_CHARS),
	"category": FieldSpec(MAX_NAME_CHARS),
	"sales_order": FieldSpec(MAX_NAME_CHARS),
	"item": FieldSpec(MAX_NAME_CHARS),
	"occurred_on": FieldSpec(10, kind="date"),
	#: When the customer called or wrote, if not now: ISO 8601, with an offset or in site time.
	"received_on": FieldSpec(32, kind="datetime"),
	"impact": FieldSpec(30, choices=IMPACTS),
	"urgency": FieldSpec(20, choices=URGENCIES),
	"language": FieldSpec(5, choices=LANGUAGES),
	#: Whether the person agreed to the privacy notice in the integrating system.
	"consent": FieldSpec(5, kind="flag"),
	#: Answer only once the record is triaged (its priority, category and due moments in the
	#: receipt); by default the record is stored at once and triaged right after.
	"wait_for_triage": FieldSpec(5, kind="flag"),
}

#: The customer portal's form: the customer is the logged-in user's, never a field.
PORTAL_FIELDS: dict[str, FieldSpec] = {
	"feedback_type": FieldSpec(20, required=True, choices=FEEDBACK_TYPES),
	#: Structured intake: a Feedback Topic and its ticked aspects, one per line.
	"topic": FieldSpec(MAX_NAME_CHARS),
	"aspects": FieldSpec(MAX_ASPECTS_CHARS),
	"category": FieldSpec(MAX_NAME_CHARS),
	"subject": FieldSpec(MAX_SUBJECT_CHARS),
	"description": FieldSpec(MAX_DESCRIPTION_CHARS, required=True),
	"expected_solution": FieldSpec(MAX_EXPECTED_SOLUTION_CHARS),
	"sales_order": FieldSpec(MAX_NAME_CHARS),
	"item": FieldSpec(MAX_NAME_CHARS),
	#: The privacy notice's checkbox: nothing is stored without it.
	"consent": FieldSpec(5, required=True, kind="flag"),
}

#: The public web form (anonymous feedback, where the site allows it): who to answer is required.
WEB_FIELDS: dict[str, FieldSpec] = {
	**PORTAL_FIELDS,
	"sender_name": FieldSpec(MAX_NAME_CHARS, required=True),
	"sender": FieldSpec(MAX_NAME_CHARS, required=True, kind="email"),
}
WEB_FIELDS.pop("sales_order")
WEB_FIELDS.pop("item")

#: A messaging platform's message, after its signature was checked.
MESSAGE_FIELDS: dict[str, FieldSpec] = {
	"message_id": FieldSpec(MAX_ID_CHARS, required=True),
	"sender": FieldSpec(MAX_ID_CHARS, required=True),
	"sender_name": FieldSpec(MAX_NAME_CHARS),
	"text": FieldSpec(MAX_DESCRIPTION_CHARS, required=True),
	"language": FieldSpec(5, choices=LANGUAGES),
	"consent": FieldSpec(5, kind="flag"),
}

_FLAGS = {True: "1", False: "0", "1": "1", "0": "0", "true": "1", "false": "0", "on": "1", "off": "0"}


@dataclass(frozen=True)
class Problem:
	field: str
	problem: FieldProblem
	#: The limit or the allowed values, for the message.
	detail: str = ""


def check_payload(
	payload: object,
	fields: dict[str, FieldSpec],
	*,
	today: date,
	ignore: frozenset[str] = frozenset(),
) -> tuple[dict[str, str], list[Problem]]:
	"""The cleaned values (stripped texts, empty ones dropped) and every problem found.

	`ignore` names keys a transport adds (Frappe's `cmd`), which are neither data nor an error.
	"""
	if not isinstance(payload, dict):
		return {}, [Problem("", FieldProblem.NOT_TEXT, "object")]
	problems: list[Problem] = []
	clean: dict[str, str] = {}
	for key in payload:
		if key not in fields and key not in ignore:
			problems.append(Problem(str(key)[:60], FieldProblem.UNKNOWN_FIELD))
	for name, spec in fields.items():
		value = payload.get(name)
		if value is None or (isinstance(value, str) and not value.strip()):
			if spec.required:
				problems.append(Problem(name, FieldProblem.REQUIRED))
			continue
		if spec.kind == "flag":
			# Only true/false or their usual spellings: 1 or "yes" might be a mapped column's mistake.
			flag = _FLAGS.get(value.strip().lower()) if isinstance(value, str) else None
			flag = _FLAGS[value] if isinstance(value, bool) else flag
			if flag is None:
				problems.append(Problem(name, FieldProblem.NOT_ALLOWED, "true, false"))
			elif spec.required and flag != "1":
				problems.append(Problem(name, FieldProblem.REQUIRED))
			else:
				clean[name] = flag
			continue
		if not isinstance(value, str):
			problems.append(Problem(name, FieldProblem.NOT_TEXT))
			continue
		value = value.strip()
		problem = _check_value(value, spec, today)
		if problem:
			problems.append(Problem(name, *problem))
		else:
			clean[name] = value
	return clean, problems


def _check_value(value: str, spec: FieldSpec, today: date) -> tuple[FieldProblem, str] | None:
	if len(value) > spec.max_chars:
		return FieldProblem.TOO_LONG, str(spec.max_chars)
	if _CONTROL.search(value):
		return FieldProblem.CONTROL_CHARACTERS, ""
	if spec.choices and value not in spec.choices:
		return FieldProblem.NOT_ALLOWED, ", ".join(spec.choices)
	if spec.kind == "email" and not _EMAIL.match(value):
		return FieldProblem.BAD_EMAIL, ""
	if spec.kind == "phone" and not _PHONE.match(value):
		return FieldProblem.BAD_PHONE, ""
	if spec.kind == "date":
		try:
			moment = date.fromisoformat(value)
		except ValueError:
			return FieldProblem.BAD_DATE, "YYYY-MM-DD"
		if moment > today:
			return FieldProblem.FUTURE_DATE, ""
	if spec.kind == "datetime":
		moment = parse_moment(value)
		if moment is None:
			return FieldProblem.BAD_DATE, "YYYY-MM-DD HH:MM:SS"
		# The exact moment is checked against the site's clock when the record is stored.
		if moment.date() > today + timedelta(days=1):
			return FieldProblem.FUTURE_DATE, ""
	return None


def parse_moment(value: str) -> datetime | None:
	"""'2026-03-01 14:05', '2026-03-01T14:05:00+08:00', '…Z': a moment, aware if it names its offset."""
	try:
		return datetime.fromisoformat(value.strip())
	except ValueError:
		return None


#: What a customer may attach on the website: photos, PDFs, text; never anything executable.
MAX_ATTACHMENTS = 3
ATTACHMENT_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".pdf", ".txt")


def check_attachments(files: list[tuple[str, int]], limit_bytes: int) -> list[Problem]:
	"""Problems with (file name, size) pairs: too many files, a type not allowed, too large."""
	if len(files) > MAX_ATTACHMENTS:
		return [Problem("attachments", FieldProblem.TOO_LONG, str(MAX_ATTACHMENTS))]
	problems = []
	for name, size in files:
		if not name.lower().endswith(ATTACHMENT_EXTENSIONS):
			problems.append(
				Problem("attachments", FieldProblem.NOT_ALLOWED, ", ".join(ATTACHMENT_EXTENSIONS))
			)
		elif size > limit_bytes:
			problems.append(Problem("attachments", FieldProblem.TOO_LONG, str(limit_bytes)))
	return problems


def idempotency_key(channel: str, external_id: str) -> str:
	"""One key per message of one outside system: the same id on two channels is two messages."""
	return f"{channel}:{external_id}"
