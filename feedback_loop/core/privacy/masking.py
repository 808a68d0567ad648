"""Contact data shown masked, and personal data found in free text: the rules, without Frappe.

Masking is for display to people who need to know *that* a customer can be reached, not how
(a quality analyst reading complaints); anonymisation removes what identifies a person for
good (retention period, personal-data deletion). Both keep the record useful for analysis.
"""

import re

#: Written in place of an address or number removed from free text.
EMAIL_PLACEHOLDER = "[e-mail]"
PHONE_PLACEHOLDER = "[phone]"
#: Written in place of a name or a whole personal field.
REDACTED = "REDACTED"

_EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# Seven or more digits, optionally grouped by spaces, dots or dashes, optionally with a +country
# code or (area code): Chinese mobiles (138 0013 8000), landlines (010-6552 9988), +86 …
_PHONE_IN_TEXT = re.compile(
	r"(?<![\w.\-/])(?:\+?\d{1,3}[ \-.]?)?(?:\(\d{1,4}\)[ \-.]?)?\d(?:[ \-.]?\d){6,14}(?![\w])"
)
_DIGITS = re.compile(r"\d")
# Dates look like numbers too (2026-11-20, 2026.11.20), also with a time (2026-12-08 18:00, a
# promised reply moment): never taken for a phone number.
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")
_DATE_OR_PHONE = re.compile(
	rf"(?P<date>(?:{_DATE.pattern})(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)|(?P<phone>{_PHONE_IN_TEXT.pattern})"
)


def mask_email(address: str | None) -> str:
	"""z***@company.com: the first letter and the domain stay, so a person can tell two apart."""
	if not address:
		return ""
	address = address.strip()
	local, at, domain = address.rpartition("@")
	if not at or not local:
		return "***"
	return f"{local[0]}***@{domain}"


def mask_phone(number: str | None) -> str:
	"""138****5678: the first three and last four digits of an 11-digit number stay.

	Shorter numbers keep fewer digits, so that at least half of every number is hidden.
	"""
	if not number:
		return ""
	digits = "".join(_DIGITS.findall(number))
	prefix = "+" if number.strip().startswith("+") else ""
	if len(digits) >= 11:
		# Country code and subscriber number run together: the last 11 digits are the mobile.
		head, tail = digits[:-8], digits[-4:]
		return f"{prefix}{head}****{tail}"
	if len(digits) >= 7:
		return f"{prefix}{digits[:2]}****{digits[-2:]}"
	return "****"


def scrub_text(text: str | None) -> str:
	"""The text with every e-mail address and phone number in it replaced by a placeholder."""
	if not text:
		return text or ""
	text = _EMAIL_IN_TEXT.sub(EMAIL_PLACEHOLDER, text)
	return _DATE_OR_PHONE.sub(_phone_placeholder, text)


def _phone_placeholder(match: re.Match) -> str:
	if match.group("date"):
		return match.group(0)
	found = match.group(0)
	if _DATE.fullmatch(found.strip()):
		return found
	digits = len(_DIGITS.findall(found))
	return PHONE_PLACEHOLDER if 7 <= digits <= 15 else found


def scrub_names(text: str | None, names: list[str]) -> str:
	"""The text without the given names (the customer's contact, the sender), longest first."""
	text = text or ""
	for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
		text = text.replace(name, REDACTED)
	return text
