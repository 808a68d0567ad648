"""Signed messages from messaging platforms: who sent them, and that each is handled only once.

A gateway signs ``timestamp.nonce.body`` with the shared secret (HMAC-SHA256, hex). The
timestamp bounds how long a captured request stays useful; the nonce, remembered by the
caller for longer than that window, makes a replay inside it useless too.
"""

import hashlib
import hmac
from enum import Enum

#: How far the gateway's clock may be from ours, either way, in seconds.
MAX_CLOCK_SKEW_SECONDS = 300
MAX_NONCE_CHARS = 64


class SignatureProblem(str, Enum):
	MISSING = "missing"
	BAD_TIMESTAMP = "bad_timestamp"
	EXPIRED = "expired"
	BAD_NONCE = "bad_nonce"
	MISMATCH = "mismatch"


def signature(secret: str, timestamp: str, nonce: str, body: bytes) -> str:
	message = timestamp.encode() + b"." + nonce.encode() + b"." + body
	return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def check_signature(
	secret: str,
	*,
	timestamp: str | None,
	nonce: str | None,
	given: str | None,
	body: bytes,
	now: float,
) -> SignatureProblem | None:
	if not (timestamp and nonce and given):
		return SignatureProblem.MISSING
	try:
		sent_at = int(timestamp)
	except ValueError:
		return SignatureProblem.BAD_TIMESTAMP
	if abs(now - sent_at) > MAX_CLOCK_SKEW_SECONDS:
		return SignatureProblem.EXPIRED
	if len(nonce) > MAX_NONCE_CHARS or not nonce.isascii() or not nonce.isprintable():
		return SignatureProblem.BAD_NONCE
	# compare_digest: the time taken must not tell an attacker how many characters were right.
	if not hmac.compare_digest(signature(secret, timestamp, nonce, body), given.strip().lower()):
		return SignatureProblem.MISMATCH
	return None
