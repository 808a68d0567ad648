"""The acknowledgement e-mail's texts move from Feedback Settings to Feedback Message Templates,
where every message's texts now live; an administrator's edited text goes with them.

The old fields are gone from the doctype, so their stored values are read from Frappe's Singles
table directly."""

import frappe

from feedback_loop.services.messages.texts import template_name
from feedback_loop.setup.install import add_message_templates

SINGLES = frappe.qb.DocType("Singles")


def execute():
	add_message_templates()
	for language in ("en", "zh"):
		values = {
			target: stored(f"acknowledgement_{part}_{language}")
			for part, target in (("subject", "subject"), ("message", "text"))
		}
		values = {field: value for field, value in values.items() if value}
		if values:
			name = template_name("Acknowledgement", "Email", language)
			frappe.db.set_value("Feedback Message Template", name, values, update_modified=False)
	frappe.qb.from_(SINGLES).delete().where(
		(SINGLES.doctype == "Feedback Settings") & SINGLES.field.like("acknowledgement\\_%\\_%")
	).run()


def stored(field: str) -> str | None:
	rows = (
		frappe.qb.from_(SINGLES)
		.select(SINGLES.value)
		.where((SINGLES.doctype == "Feedback Settings") & (SINGLES.field == field))
	).run(pluck=True)
	return rows[0] if rows else None
