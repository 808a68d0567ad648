"""Consent recorded with what comes in from outside, and withdrawn consent respected.

The flag says whether the person agreed to the privacy notice; the notice's version and the
moment say to what and when, so that a later change of the notice does not rewrite history.
"""

import frappe
from frappe.utils import now_datetime

from feedback_loop.core.language import reply_language
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.messages.default_texts import DEFAULT_PRIVACY_NOTICE_VERSION, PRIVACY_NOTICE


def notice_version() -> str:
	return get_feedback_settings().privacy_notice_version or DEFAULT_PRIVACY_NOTICE_VERSION


def privacy_notice(language: str | None) -> str:
	language = reply_language(explicit=language)
	return get_feedback_settings().get(f"privacy_notice_{language}") or PRIVACY_NOTICE[language]


def record_consent(doc, given: bool) -> None:
	doc.consent_given = 1 if given else 0
	doc.consent_version = notice_version()
	doc.consent_recorded_on = now_datetime()


def withdrew_consent(contact: str | None) -> bool:
	"""A Contact marked Unsubscribed has withdrawn consent: no revisit of any kind."""
	return bool(contact and frappe.db.get_value("Contact", contact, "unsubscribed"))
