"""The words of every message, per message, channel and language: the site's Feedback Message
Templates, which start as the shipped texts (default_texts.py) and fall back to them."""

import frappe

from feedback_loop.services.messages.default_texts import (
	ACKNOWLEDGEMENT,
	PLAN_APPROVED,
	PLAN_COMPLETED,
	RESOLUTION_NOTICE,
	SHORT_TEXTS,
)

_EMAIL = {
	"Acknowledgement": ACKNOWLEDGEMENT,
	"Resolution Notice": RESOLUTION_NOTICE,
	"Plan Approved": PLAN_APPROVED,
	"Plan Completed": PLAN_COMPLETED,
}


def shipped_texts() -> dict[tuple[str, str, str], tuple[str, str]]:
	"""(message, channel, language) → (subject, text) as shipped."""
	texts = {
		(kind, "Email", language): (parts["subject"], parts["message"])
		for kind, by_language in _EMAIL.items()
		for language, parts in by_language.items()
	}
	for (kind, channel), by_language in SHORT_TEXTS.items():
		for language, pair in by_language.items():
			texts[(kind, channel, language)] = pair
	return texts


def template_name(kind: str, channel: str, language: str) -> str:
	return f"{kind}-{channel}-{language}"


def has_text(kind: str, channel: str, language: str = "en") -> bool:
	return (kind, channel, language) in shipped_texts()


def render(kind: str, channel: str, language: str, context: dict) -> tuple[str, str]:
	"""(subject, text) of a message, rendered with `context`; values typed by customers must be
	escaped by the caller when the text is HTML."""
	name = template_name(kind, channel, language)
	row = frappe.db.get_value("Feedback Message Template", name, ["subject", "text"], as_dict=True)
	subject, text = (
		(row.subject, row.text) if row and row.text else shipped_texts()[(kind, channel, language)]
	)
	return (
		frappe.render_template(subject or "", context).strip(),
		frappe.render_template(text, context).strip(),
	)
