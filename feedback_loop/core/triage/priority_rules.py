"""Priority from what the customer said, on top of the impact × urgency matrix.

The matrix gives a first priority from the impact and urgency someone chose (or a channel's
default). The rules then raise it from facts the record already holds, each one reported as an
``AppliedRule`` so the record can say in plain words why it is as urgent as it is:

- strongly negative text, or a demand for a refund, a cancellation or a complaint to an
  authority → urgency one step higher (once, whatever the number of reasons);
- the customer's segment (Key Account by default) → urgency raised by that segment's steps;
- the same problem reported again by the same customer, or by several / many customers within
  a window → impact raised;
- a survey or revisit score at or below the low threshold → at least High;
- a safety or legal risk confirmed by a person → Urgent; words or a category that hint at one
  are only *suggested*, never applied silently;
- an escalation that raised the priority is never undone.

The rules read the impact and urgency as given and never write them back, so saving a record
twice cannot raise it twice.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from feedback_loop.core.triage.priority_matrix import (
	DEFAULT_IMPACT,
	DEFAULT_MATRIX,
	DEFAULT_URGENCY,
	Impact,
	Priority,
	Urgency,
)

_IMPACT_ORDER = tuple(Impact)
_URGENCY_ORDER = tuple(Urgency)
#: Least urgent first.
_PRIORITY_ORDER = (Priority.LOW, Priority.MEDIUM, Priority.HIGH, Priority.URGENT)

#: Words of a customer asking for money back, to cancel, or to take it to an authority.
DEFAULT_DEMAND_WORDS: tuple[str, ...] = (
	"退款", "退钱", "退货", "赔偿", "索赔", "取消订单", "投诉到", "12315", "消协", "消费者协会",
	"市场监管", "工商局", "曝光",
	"refund", "money back", "chargeback", "cancel my order", "cancel the order", "cancellation",
	"compensation", "consumer protection", "ombudsman", "better business bureau", "regulator",
	"trading standards", "report you",
)  # fmt: skip

#: Words that hint at harm to a person or at legal action: suggested to the agent, never applied.
DEFAULT_SAFETY_WORDS: tuple[str, ...] = (
	"安全隐患", "受伤", "烫伤", "烧伤", "割伤", "触电", "漏电", "起火", "着火", "冒烟", "爆炸",
	"中毒", "过敏", "窒息", "误食", "律师", "起诉", "法院", "诉讼", "违法",
	"injury", "injured", "burned", "burnt", "caught fire", "on fire", "smoke", "sparks",
	"electric shock", "exploded", "explosion", "poisoning", "allergic reaction", "choking",
	"unsafe", "dangerous", "hazard", "lawyer", "attorney", "lawsuit", "sue", "court", "illegal",
)  # fmt: skip


class Rule(str, Enum):
	MATRIX = "matrix"
	URGENT_WORDS = "urgent_words"
	SEGMENT = "segment"
	REPEATED = "repeated"
	MANY_CUSTOMERS = "many_customers"
	LOW_SCORE = "low_score"
	SAFETY = "safety"
	SAFETY_SUGGESTED = "safety_suggested"
	ESCALATION = "escalation"


@dataclass(frozen=True)
class PriorityRuleSettings:
	#: Off: the matrix alone, a confirmed safety risk and the escalation floor.
	enabled: bool = True
	raise_on_low_score: bool = True
	low_csat_at_most: float = 2
	low_nps_at_most: int = 6
	#: A sentiment score (−1 … +1) at or below this is strongly negative.
	strongly_negative_at_most: float = -0.6
	demand_words: tuple[str, ...] = DEFAULT_DEMAND_WORDS
	safety_words: tuple[str, ...] = DEFAULT_SAFETY_WORDS
	#: Urgency steps added for a customer segment: {"Key Account": 1}.
	segment_steps: Mapping[str, int] = field(default_factory=lambda: {"Key Account": 1})
	#: Distinct customers reporting one category in the window that make it several / many.
	several_customers_at: int = 3
	many_customers_at: int = 10


#: The category's reports are counted exactly at least this far, whatever the marks.
COUNTED_AT_LEAST = 10


def counted_up_to(settings: PriorityRuleSettings) -> int:
	"""How far a category's reports are counted, each count (the party's earlier reports, the
	other customers) on its own: past the highest mark no rule decides otherwise, so a busy
	category's count stops there instead of reading every report of the window, and the
	reasons say "or more"."""
	return max(settings.several_customers_at, settings.many_customers_at, COUNTED_AT_LEAST)


@dataclass(frozen=True)
class PriorityFacts:
	impact: str | None = None
	urgency: str | None = None
	safety_confirmed: bool = False
	#: A safety suggestion the agent already turned down is not made again.
	safety_dismissed: bool = False
	#: A priority an escalation raised the record to.
	floor: str | None = None
	#: The customer's words (subject, description, expected solution).
	text: str = ""
	#: None while the text is not analysed yet.
	sentiment_score: float | None = None
	csat: float | None = None
	nps: int | None = None
	customer_segment: str | None = None
	category: str | None = None
	category_is_safety: bool = False
	#: Earlier reports of the same problem by the same customer in the window.
	same_customer_reports: int = 0
	#: Distinct customers who reported this category in the window, this one included.
	customers_reporting: int = 0
	window_days: int = 0
	#: A count that reached `counted_up_to`: there may be more.
	same_customer_reports_or_more: bool = False
	customers_reporting_or_more: bool = False


@dataclass(frozen=True)
class AppliedRule:
	"""One reason, with what it changed (``before`` → ``after``) and the facts that made it."""

	rule: Rule
	before: str = ""
	after: str = ""
	details: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PriorityDecision:
	priority: Priority
	impact: Impact
	urgency: Urgency
	applied: tuple[AppliedRule, ...]
	safety_suggested: bool = False
	safety_evidence: tuple[str, ...] = ()


def decide_priority(
	facts: PriorityFacts,
	settings: PriorityRuleSettings = PriorityRuleSettings(),
	matrix: Mapping[Impact, Mapping[Urgency, Priority]] = DEFAULT_MATRIX,
) -> PriorityDecision:
	"""The priority and every rule that shaped it, in the order they apply.

	Guarantees: the result is never below the matrix's priority for the impact and urgency as
	given, nor below the escalation floor; a confirmed safety or legal risk is Urgent; without
	a confirmation, safety evidence changes nothing but ``safety_suggested``; unknown impact or
	urgency values raise ValueError.
	"""
	applied: list[AppliedRule] = []
	impact = Impact(facts.impact) if facts.impact else DEFAULT_IMPACT
	urgency = Urgency(facts.urgency) if facts.urgency else DEFAULT_URGENCY
	applied.append(AppliedRule(Rule.MATRIX, after=matrix[impact][urgency].value,
		details={"impact": impact.value, "urgency": urgency.value}))  # fmt: skip

	if not settings.enabled:
		facts = PriorityFacts(
			impact=facts.impact,
			urgency=facts.urgency,
			safety_confirmed=facts.safety_confirmed,
			floor=facts.floor,
		)
		settings = _NO_RULES
	reasons = urgent_word_reasons(facts, settings)
	if reasons:
		raised = _step(_URGENCY_ORDER, urgency, 1)
		applied.append(AppliedRule(Rule.URGENT_WORDS, urgency.value, raised.value, reasons))
		urgency = raised

	steps = settings.segment_steps.get(facts.customer_segment or "", 0)
	if steps > 0:
		raised = _step(_URGENCY_ORDER, urgency, steps)
		applied.append(
			AppliedRule(Rule.SEGMENT, urgency.value, raised.value, {"segment": facts.customer_segment})
		)
		urgency = raised

	if facts.same_customer_reports > 0:
		raised = _step(_IMPACT_ORDER, impact, 1)
		applied.append(
			AppliedRule(
				Rule.REPEATED,
				impact.value,
				raised.value,
				{
					"reports": facts.same_customer_reports + 1,
					"days": facts.window_days,
					**_or_more(facts.same_customer_reports_or_more),
				},
			)
		)
		impact = raised

	crowd = _crowd_impact(facts.customers_reporting, settings)
	if crowd is not None and _IMPACT_ORDER.index(crowd) > _IMPACT_ORDER.index(impact):
		applied.append(
			AppliedRule(
				Rule.MANY_CUSTOMERS,
				impact.value,
				crowd.value,
				{
					"customers": facts.customers_reporting,
					"category": facts.category,
					"days": facts.window_days,
					**_or_more(facts.customers_reporting_or_more),
				},
			)
		)
		impact = crowd

	priority = matrix[impact][urgency]

	low = low_score(facts, settings)
	if low and _rank(priority) < _rank(Priority.HIGH):
		applied.append(AppliedRule(Rule.LOW_SCORE, priority.value, Priority.HIGH.value, low))
		priority = Priority.HIGH

	evidence = safety_evidence(facts, settings)
	if facts.safety_confirmed:
		if priority is not Priority.URGENT:
			applied.append(AppliedRule(Rule.SAFETY, priority.value, Priority.URGENT.value))
		priority = Priority.URGENT
	suggested = bool(evidence) and not facts.safety_confirmed and not facts.safety_dismissed
	if suggested:
		applied.append(AppliedRule(Rule.SAFETY_SUGGESTED, details={"evidence": ", ".join(evidence)}))

	if facts.floor in {p.value for p in Priority} and _rank(Priority(facts.floor)) > _rank(priority):
		applied.append(AppliedRule(Rule.ESCALATION, priority.value, facts.floor))
		priority = Priority(facts.floor)

	return PriorityDecision(priority, impact, urgency, tuple(applied), suggested, evidence)


_NO_RULES = PriorityRuleSettings(
	enabled=False, raise_on_low_score=False, demand_words=(), safety_words=(), segment_steps={}
)


def urgent_word_reasons(facts: PriorityFacts, settings: PriorityRuleSettings) -> dict[str, object]:
	reasons: dict[str, object] = {}
	if facts.sentiment_score is not None and facts.sentiment_score <= settings.strongly_negative_at_most:
		reasons["sentiment"] = round(facts.sentiment_score, 2)
	demands = words_in(facts.text, settings.demand_words)
	if demands:
		reasons["words"] = ", ".join(demands)
	return reasons


def low_score(facts: PriorityFacts, settings: PriorityRuleSettings) -> dict[str, object]:
	"""The lowest score that is low, with its threshold; empty when none is or the rule is off."""
	if not settings.raise_on_low_score:
		return {}
	if facts.csat is not None and facts.csat <= settings.low_csat_at_most:
		return {"score": "CSAT", "value": facts.csat, "limit": settings.low_csat_at_most}
	if facts.nps is not None and facts.nps <= settings.low_nps_at_most:
		return {"score": "NPS", "value": facts.nps, "limit": settings.low_nps_at_most}
	return {}


def safety_evidence(facts: PriorityFacts, settings: PriorityRuleSettings) -> tuple[str, ...]:
	found = words_in(facts.text, settings.safety_words)
	if facts.category_is_safety and facts.category:
		found = (facts.category, *found)
	return found


def words_in(text: str, words: Sequence[str]) -> tuple[str, ...]:
	"""The words that occur in the text: English ones as whole words, Chinese ones anywhere."""
	lowered = (text or "").lower()
	found = []
	for word in words:
		w = word.strip().lower()
		if not w or w in found:
			continue
		if w.isascii():
			if re.search(rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])", lowered):
				found.append(w)
		elif w in lowered:
			found.append(w)
	return tuple(found)


def parse_words(value: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
	"""One word or phrase per line (commas also separate); nothing given means the defaults."""
	words = tuple(w.strip() for w in re.split(r"[\n,，]", value or "") if w.strip())
	return words or default


def _or_more(counted_up_to_the_limit: bool) -> dict[str, bool]:
	# Only when it applies: the reasons stored before counts had a limit read the same.
	return {"or_more": True} if counted_up_to_the_limit else {}


def _crowd_impact(customers: int, settings: PriorityRuleSettings) -> Impact | None:
	if settings.many_customers_at > 0 and customers >= settings.many_customers_at:
		return Impact.MANY_CUSTOMERS
	if settings.several_customers_at > 0 and customers >= settings.several_customers_at:
		return Impact.SEVERAL_CUSTOMERS
	return None


def _step(order: tuple, value, steps: int):
	return order[min(order.index(value) + steps, len(order) - 1)]


def _rank(priority: Priority) -> int:
	return _PRIORITY_ORDER.index(priority)
