"""The key facts a feedback of each type needs before anyone can act on it, and which are missing.

A complaint needs someone to answer (a customer, a contact, or a sender's address or number),
words clear enough to act on (the vague-text check did not flag it) and what it is about (an
order, a delivery, an invoice or a product). An inquiry needs someone to answer and a clear
question; a suggestion or praise only clear words. The date is always known (received on).
Channel Health reports the share of records with every fact their type needs.
"""

from enum import Enum

from feedback_loop.core.intake.rules import FeedbackType


class Fact(str, Enum):
	WHO = "Who to answer"
	WHAT = "Clear description"
	WHICH = "Order or product"


REQUIRED: dict[str, tuple[Fact, ...]] = {
	FeedbackType.COMPLAINT.value: (Fact.WHO, Fact.WHAT, Fact.WHICH),
	FeedbackType.INQUIRY.value: (Fact.WHO, Fact.WHAT),
	FeedbackType.SUGGESTION.value: (Fact.WHAT,),
	FeedbackType.PRAISE.value: (Fact.WHAT,),
}


def missing_facts(feedback_type: str | None, *, who: bool, what: bool, which: bool) -> tuple[Fact, ...]:
	"""The facts the type needs that the record lacks, in the order above; an unknown type needs
	what a complaint needs (the default type)."""
	present = {Fact.WHO: who, Fact.WHAT: what, Fact.WHICH: which}
	needed = REQUIRED.get(feedback_type or "", REQUIRED[FeedbackType.COMPLAINT.value])
	return tuple(fact for fact in needed if not present[fact])
