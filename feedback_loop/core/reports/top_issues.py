"""Top issues: the categories (or items) with the most feedback, their share (of the feedback
with a category, and of all feedback), the 10 % flag of high-frequency issues, the share of
negative feedback, the change against the previous period, and example cases: the records that
show what an issue is about."""

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
	#: of all feedback of the period, with a category or not; None when that total is not given
	share_of_all: float | None
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
	all_feedback: int | None = None,
) -> list[Issue]:
	"""The `top` issues by count (ties by name); shares are of all the issues' feedback, not only
	the top, and `share_of_all` of `all_feedback` (the period's feedback with or without one)."""
	total = sum(counts.values())
	issues = [
		Issue(
			key=key,
			count=count,
			share=count / total if total else 0.0,
			share_of_all=count / all_feedback if all_feedback else None,
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


def examples(
	records: Iterable[tuple[str, str, str | None]],
	terms: dict[str, list[tuple[str, int]]],
	per_issue: int = 3,
) -> dict[str, list[str]]:
	"""Per issue, the records that carry most of its shared keywords: representative cases, not
	outliers. `records` are (issue, record, its keywords) newest first, so a tie goes to the newer."""
	scored: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
	for order, (issue, record, keywords) in enumerate(records):
		shared = {term for term, _count in terms.get(issue, [])}
		own = {term.strip() for term in (keywords or "").split(",")}
		scored[issue].append((-len(shared & own), order, record))
	return {issue: [record for *_key, record in sorted(rows)[:per_issue]] for issue, rows in scored.items()}
