"""Which key facts a Feedback Record lacks for its type (core/intake/key_facts.py), stored on
every save so that Channel Health counts complete records with one SUM."""

from feedback_loop.core.intake.key_facts import missing_facts

#: The documents a feedback can be about.
REFERENCES = ("sales_order", "delivery_note", "sales_invoice", "item")
#: Anything that lets somebody answer.
REPLY_TO = ("customer", "contact", "contact_email", "contact_phone", "sender", "external_sender")


def set_key_facts(doc) -> None:
	missing = missing_facts(
		doc.feedback_type,
		who=any(doc.get(field) for field in REPLY_TO),
		what=bool((doc.subject or "").strip() or (doc.description or "").strip())
		and not doc.needs_clarification,
		which=any(doc.get(field) for field in REFERENCES),
	)
	doc.missing_facts = "\n".join(fact.value for fact in missing) or None
	doc.facts_complete = 0 if missing else 1
