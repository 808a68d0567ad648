"""Signed revisit links: the survey page and the one-tap "solved?" page of a resolution notice.

The customer needs no login, and nobody can guess or alter a link (core/callbacks/survey_token.py);
a link expires after Feedback Settings' Survey Link Valid (Days) and works once.
"""

import time
from datetime import timedelta

import frappe
from frappe.utils import get_datetime, get_url, now_datetime
from frappe.utils.password import get_encryption_key

from feedback_loop.core.callbacks.survey_token import make_token

DEFAULT_VALID_DAYS = 14


def secret() -> bytes:
	return ("feedback_loop.survey:" + get_encryption_key()).encode("utf-8")


def token_for(callback) -> str:
	days = frappe.db.get_single_value("Feedback Settings", "survey_link_valid_days") or DEFAULT_VALID_DAYS
	expires = get_datetime(callback.sent_on or now_datetime()) + timedelta(days=days)
	return make_token(secret(), callback.name, int(time.mktime(expires.timetuple())))


def survey_url(callback) -> str:
	return get_url(f"/feedback/survey/{token_for(callback)}")


def solved_url(callback) -> str:
	return get_url(f"/feedback/solved/{token_for(callback)}")
