"""Records saved before contact data moved to permission level 1 get their masked copies, and
survey answers their respondent's address (so that personal-data requests find them)."""

import frappe

from feedback_loop.services.privacy.contact_masking import MASKED_FIELDS

BATCH = 5_000


def execute():
	for doctype, fields in MASKED_FIELDS.items():
		start = 0
		while True:
			rows = frappe.get_all(
				doctype,
				fields=["name", *fields],
				filters={"anonymised_on": ("is", "not set")},
				order_by="name",
				start=start,
				limit=BATCH,
			)
			if not rows:
				break
			for row in rows:
				values = {masked: mask(row.get(field)) or None for field, (masked, mask) in fields.items()}
				if any(values.values()):
					frappe.db.set_value(doctype, row.name, values, update_modified=False)
			start += BATCH

	answer = frappe.qb.DocType("Feedback Callback Answer")
	callback = frappe.qb.DocType("Feedback Callback")
	(
		frappe.qb.update(answer)
		.join(callback)
		.on(answer.parent == callback.name)
		.set(answer.respondent_email, callback.contact_email)
		.where(answer.respondent_email.isnull() & callback.contact_email.isnotnull())
		.run()
	)
