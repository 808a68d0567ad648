"""Signed survey links: the customer needs no login, and nobody can guess or alter a link.

A token carries the callback's name and an expiry, signed with the site's secret (HMAC-SHA256).
Whether it was already used is the callback's own status, checked by the caller.
"""

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from enum import Enum


class TokenProblem(str, Enum):
	MALFORMED = "malformed"
	TAMPERED = "tampered"
	EXPIRED = "expired"


@dataclass(frozen=True)
class TokenCheck:
	callback: str | None
	problem: TokenProblem | None


def _b64(data: bytes) -> str:
	return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
	return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(secret: bytes, payload: str) -> str:
	return _b64(hmac.new(secret, payload.encode("ascii"), hashlib.sha256).digest())


def make_token(secret: bytes, callback: str, expires_at: int) -> str:
	"""`expires_at` is a Unix time in seconds."""
	payload = _b64(json.dumps([callback, int(expires_at)], separators=(",", ":")).encode("utf-8"))
	return f"{payload}.{_signature(secret, payload)}"


def check_token(secret: bytes, token: str, now: int) -> TokenCheck:
	payload, _, signature = (token or "").partition(".")
	if not payload or not signature or len(token) > 512:
		return TokenCheck(None, TokenProblem.MALFORMED)
	if not hmac.compare_digest(_signature(secret, payload), signature):
		return TokenCheck(None, TokenProblem.TAMPERED)
	try:
		callback, expires_at = json.loads(_unb64(payload))
	except (ValueError, TypeError):
		return TokenCheck(None, TokenProblem.MALFORMED)
	if now >= int(expires_at):
		return TokenCheck(callback, TokenProblem.EXPIRED)
	return TokenCheck(callback, None)
