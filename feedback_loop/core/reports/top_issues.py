"""Top issues: the categories (or items) with the most feedback, their share, the 10 % flag of
high-frequency issues, the share of negative feedback and the change against the previous
period."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from feedback_loop.core.reports.periods import change

#: An issue behind this share of all feedback or more is high-frequency (the seeds' 10 % rule).
HIGH_FREQUENCY_SHARE = 0.10


@dataclass(frozen=True)
class Issue:
	key: str
	count: int
	share: float
	high_frequency: bool
	negative_share: float
	previous: int
	change: float | None


def rank(
	counts: dict[str, int],
	*,
	negatives: dict[str, int],
	previous: dict[str, int],
	top: int = 10,
	threshold: float = HIGH_FREQUENCY_SHARE,
) -> list[Issue]:
	"""The `top` issues by count (ties by name); shares are of all feedback, not only the top."""
	total = sum(counts.values())
	issues = [
		Issue(
			key=key,
			count=count,
			share=count / total if total else 0.0,
			high_frequency=bool(total) and count / total >= threshold,
			negative_share=negatives.get(key, 0) / count if count else 0.0,
			previous=previous.get(key, 0),
			change=change(count, previous.get(key, 0)),
		)
		for key, count in counts.items()
		if count
	]
	return sorted(issues, key=lambda issue: (-issue.count, issue.key))[:top]


def top_terms(
	records: Iterable[tuple[str, str | None]], per_issue: int = 5
) -> dict[str, list[tuple[str, int]]]:
	"""Per issue, the keywords its records share most (ties by term): what a category such as
	Other is really about. `records` are (issue, the record's keywords joined by commas)."""
	counts: dict[str, Counter] = defaultdict(Counter)
	for issue, keywords in records:
		# A record counts once for a term, however often it repeats it.
		counts[issue].update({term.strip() for term in (keywords or "").split(",") if term.strip()})
	return {
		issue: sorted(terms.items(), key=lambda item: (-item[1], item[0]))[:per_issue]
		for issue, terms in counts.items()
	}


def terms_label(terms: list[tuple[str, int]]) -> str:
	return ", ".join(f"{term} ({count})" for term, count in terms)
