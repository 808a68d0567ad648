"""Structured intake (the channel-optimisation seed, plan 2): the customer says what the feedback
is about — a topic such as service, product or after-sales — ticks the aspects that apply
(attitude, response time, effect …) and gives the reason in their own words; the order or the
product the topic needs is asked for, so the key facts arrive with the feedback.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Topic:
	name: str
	aspects: tuple[str, ...]
	needs_order: bool = False
	needs_product: bool = False


class TopicProblem(str, Enum):
	UNKNOWN_TOPIC = "unknown_topic"
	UNKNOWN_ASPECT = "unknown_aspect"
	ORDER_REQUIRED = "order_required"
	PRODUCT_REQUIRED = "product_required"


def topic_problems(
	topic: Topic | None,
	ticked: Sequence[str],
	*,
	has_order: bool,
	has_product: bool,
	orders_offered: bool = True,
	products_offered: bool = True,
) -> list[tuple[str, TopicProblem]]:
	"""(field, problem) for each thing wrong: a topic chosen must exist, its ticked aspects must
	be its own, and the order or product it needs must be given (a product may come from the
	order). No topic chosen, nothing to check: free text stays possible. Only what the form could
	offer is asked for: a customer without orders (or a visitor) has no order or product to pick,
	and their feedback is taken without it (the record then counts as lacking that key fact)."""
	if topic is None:
		return [("topic", TopicProblem.UNKNOWN_TOPIC)] if ticked else []
	problems: list[tuple[str, TopicProblem]] = []
	if any(aspect not in topic.aspects for aspect in ticked):
		problems.append(("aspects", TopicProblem.UNKNOWN_ASPECT))
	if topic.needs_order and orders_offered and not has_order:
		problems.append(("sales_order", TopicProblem.ORDER_REQUIRED))
	if topic.needs_product and products_offered and not (has_product or has_order):
		problems.append(("item", TopicProblem.PRODUCT_REQUIRED))
	return problems


def parse_aspects(value: str | Sequence[str] | None) -> list[str]:
	"""The ticked aspects as a form posts them: one value per checkbox, or lines; each once."""
	items = value.splitlines() if isinstance(value, str) else list(value or [])
	return list(dict.fromkeys(item.strip() for item in items if item and item.strip()))
