"""A record's neighbours, kept in memory for a backlog: the earlier feedback of the same party a
duplicate is looked for in, and the reports of the same category the priority rules count.

A single save asks the database (services/triage/duplicates.py `candidate_keys`, priority.py
`neighbour_counts`, one statement each). The backlog analysis (services/triage/backlog.py) reads
the rows of the parties and categories it meets once per job, keeps them here, updates them as it
analyses, and asks the same questions with the same rules:

- ``PartyHistory``     records by customer, contact and sender, by creation: the latest
                       originals in a window, as the duplicate candidates.
- ``CategoryReports``  one category's reports by the moment received: the same party's earlier
                       reports and the other customers reporting it around a moment.

Names are compared as the database compares them (its collation ignores case). Every question is
answered in logarithmic time or in the size of its window, so that a job over a hundred thousand
records of one day stays linear. `tests/test_neighbours.py` pins the rules; an integration test
compares them with the single-save path on the same records.
"""

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

#: Statuses of records that are neither originals a duplicate points at nor reports of a problem.
NOT_ORIGINALS = ("Duplicate", "Invalid")
PARTY_FIELDS = ("customer", "contact", "sender")


@dataclass(frozen=True)
class Neighbour:
	"""One feedback record as the neighbour rules see it."""

	name: str
	creation: datetime
	received_on: datetime
	status: str
	customer: str | None = None
	contact: str | None = None
	sender: str | None = None
	category: str | None = None
	comparison_text: str | None = None


def key(value: str | None) -> str | None:
	"""A name as the database matches it."""
	return value.casefold() if value is not None else None


class PartyHistory:
	"""Records by party and creation; a row is replaced by a newer version of itself by name."""

	def __init__(self) -> None:
		self.rows: dict[str, Neighbour] = {}
		self._by_party: dict[tuple[str, str], list[tuple[datetime, str]]] = {}

	def add(self, rows: Iterable[Neighbour]) -> None:
		for row in rows:
			if row.name not in self.rows:
				for field in PARTY_FIELDS:
					value = getattr(row, field)
					if value:
						insort(self._by_party.setdefault((field, key(value)), []), (row.creation, row.name))
			self.rows[row.name] = row

	def latest(
		self,
		parties: Sequence[tuple[str, str]],
		since: datetime,
		until: datetime,
		exclude: str | None,
		limit: int,
	) -> list[Neighbour]:
		"""The latest `limit` originals of each party created in [since, until] but `exclude`,
		then the latest `limit` of them all, earliest first.

		The latest, not the earliest: a customer who sends more than `limit` records in a window
		repeats what they sent last, not what they sent a week ago."""
		chosen: dict[str, Neighbour] = {}
		for field, value in parties:
			entries = self._by_party.get((field, key(value)), [])
			first = bisect_left(entries, since, key=_moment)
			taken = 0
			for index in range(bisect_right(entries, until, key=_moment) - 1, first - 1, -1):
				if taken == limit:
					break
				name = entries[index][1]
				row = self.rows[name]
				if name == exclude or row.status in NOT_ORIGINALS:
					continue
				chosen[name] = row
				taken += 1
		rows = sorted(chosen.values(), key=lambda row: (row.creation, row.name))
		return rows[max(len(rows) - limit, 0) :]


def _moment(entry: tuple[datetime, str]) -> datetime:
	return entry[0]


class CategoryReports:
	"""One category's reports (originals only), by the moment received."""

	def __init__(self, rows: Iterable[Neighbour] = ()) -> None:
		self.rows: dict[str, Neighbour] = {}
		self._moments: list[tuple[datetime, str]] = []
		self._by_party: dict[tuple[str, str], list[tuple[datetime, str]]] = {}
		self._by_customer: dict[str, list[datetime]] = {}
		for row in rows:
			self.add(row)

	def add(self, row: Neighbour) -> None:
		self.remove(row.name)
		if row.status in NOT_ORIGINALS:
			return
		self.rows[row.name] = row
		entry = (row.received_on, row.name)
		insort(self._moments, entry)
		for field in ("customer", "sender"):
			value = getattr(row, field)
			if value:
				insort(self._by_party.setdefault((field, key(value)), []), entry)
		if row.customer is not None:
			insort(self._by_customer.setdefault(key(row.customer), []), row.received_on)

	def remove(self, name: str) -> None:
		row = self.rows.pop(name, None)
		if row is None:
			return
		entry = (row.received_on, row.name)
		self._moments.pop(bisect_left(self._moments, entry))
		for field in ("customer", "sender"):
			value = getattr(row, field)
			if value:
				entries = self._by_party[(field, key(value))]
				entries.pop(bisect_left(entries, entry))
		if row.customer is not None:
			moments = self._by_customer[key(row.customer)]
			moments.pop(bisect_left(moments, row.received_on))
			if not moments:
				del self._by_customer[key(row.customer)]

	def counts(
		self,
		*,
		name: str,
		customer: str | None,
		party: tuple[str, str] | None,
		received: datetime,
		days: int,
		now: datetime,
		up_to: int | None = None,
	) -> tuple[int, int]:
		"""(the party's reports from `days` before `received` up to it, other customers reporting
		from `days` before to `days` after it, never past `now`), this record left out, each
		counted no further than `up_to` — what `priority.neighbour_counts` counts in SQL, before
		the record's own reports are added."""
		since = received - timedelta(days=days)
		until = min(received + timedelta(days=days), now)
		earlier = 0
		if party:
			entries = self._by_party.get((party[0], key(party[1])), [])
			window = entries[bisect_left(entries, (since, "")) : bisect_right(entries, (received, "\uffff"))]
			earlier = sum(1 for _moment, other in window if other != name)
		others = self._other_customers(key(customer), since, until)
		if up_to is not None:
			return min(earlier, up_to), min(others, up_to)
		return earlier, others

	def _other_customers(self, own: str | None, since: datetime, until: datetime) -> int:
		if until < since:
			return 0
		first = bisect_left(self._moments, (since, ""))
		last = bisect_right(self._moments, (until, "\uffff"))
		if last - first <= len(self._by_customer):
			# Fewer reports in the window than customers: read the window.
			found = {key(self.rows[name].customer) for _moment, name in self._moments[first:last]}
			found.discard(None)
		else:
			# A crowded window (a day's import): ask each customer whether it has a report in it.
			found = {
				customer
				for customer, moments in self._by_customer.items()
				if bisect_left(moments, since) < bisect_right(moments, until)
			}
		found.discard(own)
		return len(found)
