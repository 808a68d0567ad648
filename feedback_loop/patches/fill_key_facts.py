"""Records saved before the key facts were kept: compute them with the same rule a save uses
(core/intake/key_facts.py) and write them in one UPDATE per distinct answer and batch."""

from collections import defaultdict

import frappe

from feedback_loop.services.intake.key_facts import REFERENCES, REPLY_TO, set_key_facts

BATCH = 10_000
FIELDS = ["name", "feedback_type", "subject", "description", "needs_clarification", *REFERENCES, *REPLY_TO]


def execute():
	record = frappe.qb.DocType("Feedback Record")
	last = ""
	while True:
		rows = frappe.get_all(
			"Feedback Record",
			filters={"name": [">", last]},
			fields=FIELDS,
			order_by="name asc",
			limit=BATCH,
		)
		if not rows:
			return
		last = rows[-1].name
		by_answer: dict[tuple, list[str]] = defaultdict(list)
		for row in rows:
			set_key_facts(row)
			by_answer[(row.facts_complete, row.missing_facts)].append(row.name)
		for (complete, missing), names in by_answer.items():
			(
				frappe.qb.update(record)
				.set(record.facts_complete, complete)
				.set(record.missing_facts, missing)
				.where(record.name.isin(names))
			).run()
