"""Which SLA policy governs a feedback record."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PolicyConditions:
	name: str
	precedence: int = 10
	is_default: bool = False
	customer_group: str | None = None
	territory: str | None = None
	customer_segment: str | None = None
	channel: str | None = None
	category: str | None = None
	priority: str | None = None


@dataclass(frozen=True)
class RecordFacts:
	"""A record's values; tree values come with all their ancestors (the value itself first)."""

	customer_groups: tuple[str, ...] = ()
	territories: tuple[str, ...] = ()
	customer_segment: str | None = None
	channel: str | None = None
	categories: tuple[str, ...] = ()
	priority: str | None = None


def matches(policy: PolicyConditions, facts: RecordFacts) -> bool:
	"""Every condition the policy sets must hold; a tree condition holds for its sub-entries too."""
	return (
		_in(policy.customer_group, facts.customer_groups)
		and _in(policy.territory, facts.territories)
		and _equal(policy.customer_segment, facts.customer_segment)
		and _equal(policy.channel, facts.channel)
		and _in(policy.category, facts.categories)
		and _equal(policy.priority, facts.priority)
	)


def choose_policy(policies: Iterable[PolicyConditions], facts: RecordFacts) -> str | None:
	"""Guarantees: the matching non-default policy with the lowest precedence (then name) wins;
	without one, the default policy (lowest precedence among defaults); else None."""
	candidates = sorted(policies, key=lambda p: (p.precedence, p.name))
	for policy in candidates:
		if not policy.is_default and matches(policy, facts):
			return policy.name
	return next((p.name for p in candidates if p.is_default), None)


def _in(required: str | None, lineage: tuple[str, ...]) -> bool:
	return not required or required in lineage


def _equal(required: str | None, value: str | None) -> bool:
	return not required or required == value
