"""SMS texts that fit, and what an SMS gateway's answer means.

One SMS holds 160 GSM-7 characters, or 70 UCS-2 units as soon as one character is outside GSM-7
(any Chinese text); a longer text travels as segments of 153 / 67 that the phone joins again.
Gateways bill per segment, so a text is kept within `max_segments`: shortened at a safe place
when longer. For gateways that cannot join segments, it is sent as separate numbered messages
("(1/2)"). Nothing is ever cut inside a character, a link or a run of letters and digits (a
feedback number), and the opt-out the gateway requires always ends the text.
"""

import json
import re
from dataclasses import dataclass

from feedback_loop.core.messages.channels import Outcome, Result

GSM_7 = "GSM-7"
UCS_2 = "UCS-2"
#: (one SMS, one segment of a longer text) by encoding
LIMITS = {GSM_7: (160, 153), UCS_2: (70, 67)}
#: Where a text was shortened (UCS-2 texts; GSM-7 ones use "...").
ELLIPSIS = "…"

_GSM_BASIC = frozenset(
	"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
	"ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = frozenset("^{}\\[~]|€\f")
#: Atoms that are kept whole: links (up to the first space or non-ASCII character), then runs of
#: ASCII letters and digits; any other character is an atom of its own.
_LINK_PATTERN = r"https?://[!-~]+"
_WORD_CHAR = r"(?:(?!https?://)[A-Za-z0-9])"
_ATOM = re.compile(rf"{_LINK_PATTERN}|{_WORD_CHAR}+(?:[-_./]{_WORD_CHAR}+)*|.", re.DOTALL)
_LINK = re.compile(_LINK_PATTERN)


def encoding_of(text: str) -> str:
	return GSM_7 if all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text) else UCS_2


def units(text: str, encoding: str | None = None) -> int:
	"""How much of an SMS the text takes: GSM-7 extension characters count 2, and in UCS-2 a
	character outside the Basic Multilingual Plane (most emoji) counts 2."""
	encoding = encoding or encoding_of(text)
	if encoding == GSM_7:
		return sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
	return sum(2 if ord(ch) > 0xFFFF else 1 for ch in text)


def segments(text: str) -> int:
	"""How many segments the gateway sends (and bills) for `text`."""
	encoding = encoding_of(text)
	single, part = LIMITS[encoding]
	size = units(text, encoding)
	return 1 if size <= single else -(-size // part)


@dataclass(frozen=True)
class SmsText:
	#: What to hand the gateway: one text, or several numbered ones.
	parts: tuple[str, ...]
	#: Segments billed in all.
	segments: int
	#: The body had to be shortened to fit.
	shortened: bool = False


def fit_sms(body: str, *, opt_out: str = "", max_segments: int = 3, separate_parts: bool = False) -> SmsText:
	"""`body` and the opt-out as an SMS of at most `max_segments` segments.

	Guarantees: the opt-out ends the (last) text; no part is longer than the gateway takes (one
	SMS each when `separate_parts`, else `max_segments` segments in all); links and runs of
	letters and digits are never cut; when the body is shortened it loses whole atoms from the
	end of its prose (never a link) and shows "…" where it was cut. Returned unshortened when it
	fits.
	"""
	max_segments = max(1, max_segments)
	body = " ".join(body.split()) if "\n" not in body else body.strip()
	text = _with_opt_out(body, opt_out)
	if separate_parts:
		parts = _split(text, max_segments)
		if parts is not None:
			return SmsText(parts, len(parts))
	elif segments(text) <= max_segments:
		return SmsText((text,), segments(text))
	capacity = _capacity(text, 1 if separate_parts else max_segments)
	shortened = _shorten(body, opt_out, capacity)
	return SmsText((shortened,), segments(shortened), shortened=True)


def _with_opt_out(body: str, opt_out: str) -> str:
	if not opt_out or body.endswith(opt_out):
		return body
	return f"{body} {opt_out}" if body else opt_out


def _capacity(text: str, max_segments: int) -> int:
	single, part = LIMITS[encoding_of(text)]
	return single if max_segments == 1 else part * max_segments


def _split(text: str, max_parts: int) -> tuple[str, ...] | None:
	"""`text` as numbered texts of one SMS each, atoms kept whole; None when it needs more."""
	if segments(text) == 1:
		return (text,)
	encoding = encoding_of(text)
	single, _part = LIMITS[encoding]
	atoms = _ATOM.findall(text)
	for count in range(2, max_parts + 1):
		room = single - units(f"({count}/{count}) ", encoding)
		parts, current = [], ""
		for atom in atoms:
			if units(current + atom, encoding) <= room:
				current += atom
				continue
			if not current.strip() or units(atom, encoding) > room:
				break
			parts.append(current)
			current = atom.lstrip()
		else:
			parts.append(current)
			if len(parts) == count:
				return tuple(f"({i}/{count}) {part.strip()}" for i, part in enumerate(parts, 1))
	return None


def _shorten(body: str, opt_out: str, capacity: int) -> str:
	"""Atoms dropped from the end of the body's prose (links stay) until body + opt-out fit, with
	one ellipsis where the prose was cut ("..." in a GSM-7 text, which "…" would turn into UCS-2)."""
	mark = ELLIPSIS if encoding_of(body + opt_out) == UCS_2 else "..."
	atoms = _ATOM.findall(body)
	while True:
		candidate = _with_opt_out(_joined(atoms, mark), opt_out)
		if units(candidate) <= capacity:
			return candidate
		index = next(
			(i for i in range(len(atoms) - 1, -1, -1) if atoms[i] != mark and not _LINK.fullmatch(atoms[i])),
			None,
		)
		if index is None:
			# Only links are left: the shortest text there is, even if over the limit.
			return candidate
		del atoms[index]
		if not (index < len(atoms) and atoms[index] == mark):
			atoms.insert(index, mark)


def _joined(atoms: list[str], mark: str) -> str:
	text = "".join(atoms)
	return re.sub(r"\s+" + re.escape(mark), mark, text).strip()


def gateway_outcome(status_code: int | None, body: str, *, success_marker: str | None = None) -> Outcome:
	"""What an SMS gateway's HTTP answer means.

	Guarantees: no answer, 5xx and 429 are passing (RETRY); any other non-2xx refuses the message
	(NEXT channel: wrong URL, credentials, parameters); a 2xx is SENT unless its body says
	otherwise — it lacks the configured success marker, or it is JSON whose error code, status or
	success flag says failure, or plain text that starts with an error word. Many gateways
	answer 200 whatever happened, so the body decides.
	"""
	snippet = " ".join((body or "").split())[:200]
	if status_code is None:
		return Outcome(Result.RETRY, f"the SMS gateway did not answer: {snippet}".strip())
	if status_code == 429 or status_code >= 500:
		return Outcome(Result.RETRY, f"the SMS gateway answered HTTP {status_code}: {snippet}".strip())
	if not 200 <= status_code < 300:
		return Outcome(
			Result.NEXT, f"the SMS gateway refused the message (HTTP {status_code}): {snippet}".strip()
		)
	if success_marker:
		if success_marker in (body or ""):
			return Outcome(Result.SENT, snippet)
		return Outcome(Result.NEXT, f"the SMS gateway's answer lacks {success_marker!r}: {snippet}")
	problem = _error_in_body(body or "")
	if problem:
		return Outcome(Result.NEXT, f"the SMS gateway answered 200 with an error: {snippet}")
	return Outcome(Result.SENT, snippet, provider_id=_message_id(body or ""))


_OK_CODES = {"0", "00", "000", "000000", "ok", "200", "success", "true"}
_ERROR_STATES = {"error", "failed", "fail", "failure", "rejected", "refused", "false"}
_ERROR_WORDS = re.compile(r"^\s*(error|err\b|fail|failed|failure|invalid|denied|失败|错误)", re.IGNORECASE)


def _error_in_body(body: str) -> bool:
	try:
		data = json.loads(body)
	except ValueError:
		return bool(_ERROR_WORDS.match(body))
	if not isinstance(data, dict):
		return False
	for key in ("errcode", "error_code", "errorCode", "code", "Code", "result", "ret"):
		if key in data and str(data[key]).strip().lower() not in _OK_CODES:
			return True
	for key in ("status", "Status", "state"):
		if str(data.get(key, "")).strip().lower() in _ERROR_STATES:
			return True
	if data.get("success") is False or data.get("ok") is False:
		return True
	return bool(data.get("error") or data.get("errors"))


def _message_id(body: str) -> str | None:
	try:
		data = json.loads(body)
	except ValueError:
		return None
	if not isinstance(data, dict):
		return None
	for key in ("message_id", "messageId", "msgid", "sid", "BizId", "id", "SerialNo"):
		if data.get(key):
			return str(data[key])[:140]
	return None
