"""Priority from impact × urgency, the way a service desk triages.

The matrix is data, so the SLA settings can later offer an edited copy; the rules that no
matrix may override (a safety or legal risk is always Urgent) live in ``priority_for``.
"""

from collections.abc import Mapping
from enum import Enum


class Impact(str, Enum):
	ONE_CUSTOMER = "One Customer"
	SEVERAL_CUSTOMERS = "Several Customers"
	MANY_CUSTOMERS = "Many Customers"
	CORE_FUNCTION_DOWN = "Core Function Down"


class Urgency(str, Enum):
	LOW = "Low"
	MEDIUM = "Medium"
	HIGH = "High"
	CRITICAL = "Critical"


class Priority(str, Enum):
	URGENT = "Urgent"
	HIGH = "High"
	MEDIUM = "Medium"
	LOW = "Low"


IMPACTS: tuple[str, ...] = tuple(i.value for i in Impact)
URGENCIES: tuple[str, ...] = tuple(u.value for u in Urgency)
PRIORITIES: tuple[str, ...] = tuple(p.value for p in Priority)

_P = Priority
DEFAULT_MATRIX: Mapping[Impact, Mapping[Urgency, Priority]] = {
	#                              Low      Medium   High     Critical
	Impact.ONE_CUSTOMER: dict(zip(Urgency, (_P.LOW, _P.LOW, _P.MEDIUM, _P.HIGH), strict=True)),
	Impact.SEVERAL_CUSTOMERS: dict(zip(Urgency, (_P.LOW, _P.MEDIUM, _P.HIGH, _P.URGENT), strict=True)),
	Impact.MANY_CUSTOMERS: dict(zip(Urgency, (_P.MEDIUM, _P.HIGH, _P.URGENT, _P.URGENT), strict=True)),
	Impact.CORE_FUNCTION_DOWN: dict(zip(Urgency, (_P.HIGH, _P.URGENT, _P.URGENT, _P.URGENT), strict=True)),
}

DEFAULT_IMPACT = Impact.ONE_CUSTOMER
DEFAULT_URGENCY = Urgency.MEDIUM


def priority_for(
	impact: str | None,
	urgency: str | None,
	*,
	safety_or_legal_risk: bool = False,
	matrix: Mapping[Impact, Mapping[Urgency, Priority]] = DEFAULT_MATRIX,
) -> Priority:
	"""The priority for an impact and urgency.

	Guarantees: a safety or legal risk is always Urgent; an empty impact or urgency counts as
	the default (one customer, medium urgency); an unknown value raises ValueError.
	"""
	if safety_or_legal_risk:
		return Priority.URGENT
	impact_value = Impact(impact) if impact else DEFAULT_IMPACT
	urgency_value = Urgency(urgency) if urgency else DEFAULT_URGENCY
	return matrix[impact_value][urgency_value]


def matrix_from_rules(
	rules: list[tuple[str, str, str]],
) -> tuple[dict[Impact, dict[Urgency, Priority]], list[tuple[str, str]], list[tuple[str, str]]]:
	"""An edited matrix from (impact, urgency, priority) rows.

	Returns the matrix (cells no row gives keep the default), the (impact, urgency) pairs given
	more than once, and the pairs missing from the rows. Unknown values raise ValueError.
	"""
	matrix = {impact: dict(row) for impact, row in DEFAULT_MATRIX.items()}
	seen: set[tuple[Impact, Urgency]] = set()
	repeated: list[tuple[str, str]] = []
	for impact, urgency, priority in rules:
		cell = (Impact(impact), Urgency(urgency))
		if cell in seen:
			repeated.append((impact, urgency))
		seen.add(cell)
		matrix[cell[0]][cell[1]] = Priority(priority)
	missing = [(i.value, u.value) for i in Impact for u in Urgency if (i, u) not in seen]
	return matrix, repeated, missing


def default_rules() -> list[tuple[str, str, str]]:
	return [(i.value, u.value, DEFAULT_MATRIX[i][u].value) for i in Impact for u in Urgency]
