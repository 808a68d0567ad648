"""A batch's neighbours answered in memory: the rules the single-record SQL applies."""

from datetime import datetime, timedelta

from feedback_loop.core.triage.neighbours import CategoryReports, Neighbour, PartyHistory

T0 = datetime(2026, 11, 1, 9, 0)


def row(name, hours=0, *, received_hours=None, status="Open", **parties) -> Neighbour:
	moment = T0 + timedelta(hours=hours)
	received = T0 + timedelta(hours=received_hours) if received_hours is not None else moment
	return Neighbour(name=name, creation=moment, received_on=received, status=status, **parties)


def latest_candidates(rows, parties, since, until, exclude, limit):
	history = PartyHistory()
	history.add(rows)
	return history.latest(parties, since, until, exclude, limit)


class TestLatestCandidates:
	def test_only_the_partys_originals_in_the_window_earliest_first(self):
		rows = [
			row("late", 5, customer="C"),
			row("early", 1, customer="C"),
			row("other", 2, customer="D"),
			row("merged", 3, customer="C", status="Duplicate"),
			row("before", -200, customer="C"),
			row("self", 4, customer="C"),
		]
		chosen = latest_candidates(
			rows, [("customer", "C")], T0 - timedelta(days=7), T0 + timedelta(hours=5), "self", 50
		)
		assert [r.name for r in chosen] == ["early", "late"]

	def test_each_party_gives_its_latest_and_the_union_is_cut_to_the_limit(self):
		rows = [row(f"c{i}", i, customer="C") for i in range(5)] + [
			row(f"s{i}", i + 0.5, sender="a@example.com") for i in range(5)
		]
		chosen = latest_candidates(
			rows, [("customer", "C"), ("sender", "A@Example.com")], T0, T0 + timedelta(days=1), None, 3
		)
		# Three of each party, then the three latest of the six, earliest first; the sender matched
		# as the database matches it, whatever the case.
		assert [r.name for r in chosen] == ["s3", "c4", "s4"]

	def test_a_busy_party_is_compared_with_what_it_sent_last(self):
		# Sixty records in the window, the limit fifty: the ten oldest are left out, and records
		# created after this one (a backlog knows them) are not candidates at all.
		rows = [row(f"r{i:02d}", i, customer="C") for i in range(70)]
		chosen = latest_candidates(
			rows, [("customer", "C")], T0 - timedelta(days=7), T0 + timedelta(hours=60), "r60", 50
		)
		assert [r.name for r in chosen] == [f"r{i:02d}" for i in range(10, 60)]

	def test_at_the_same_moment_the_later_name_is_the_later_record(self):
		rows = [row(name, 1, customer="C") for name in ("b", "a", "c")]
		chosen = latest_candidates(rows, [("customer", "C")], T0, T0 + timedelta(days=1), None, 2)
		assert [r.name for r in chosen] == ["b", "c"]

	def test_a_record_is_counted_once_when_two_parties_find_it(self):
		rows = [row("both", 1, customer="C", contact="K")]
		chosen = latest_candidates(
			rows, [("customer", "C"), ("contact", "K")], T0, T0 + timedelta(days=1), None, 50
		)
		assert [r.name for r in chosen] == ["both"]


class TestCategoryReports:
	def counts(
		self, rows, *, name="me", customer="C", party=("customer", "C"), at=0, days=30, now_hours=10_000
	):
		return CategoryReports(rows).counts(
			name=name,
			customer=customer,
			party=party,
			received=T0 + timedelta(hours=at),
			days=days,
			now=T0 + timedelta(hours=now_hours),
		)

	def test_earlier_reports_of_the_same_party_up_to_this_one(self):
		rows = [
			row("a", received_hours=-48, customer="C"),
			row("b", received_hours=-1, customer="c"),
			row("later", received_hours=5, customer="C"),
			row("me", received_hours=0, customer="C"),
			row("invalid", received_hours=-2, customer="C", status="Invalid"),
			row("too old", received_hours=-24 * 31, customer="C"),
		]
		assert self.counts(rows) == (2, 0)

	def test_other_customers_before_and_after_within_the_window_but_not_the_future(self):
		rows = [
			row("d", received_hours=-5, customer="D"),
			row("d again", received_hours=-4, customer="D"),
			row("e after", received_hours=24, customer="E"),
			row("f beyond now", received_hours=48, customer="F"),
			row("g beyond the window", received_hours=24 * 31, customer="G"),
			row("own", received_hours=-3, customer="C"),
			row("no customer", received_hours=-3, sender="x@example.com"),
		]
		assert self.counts(rows, now_hours=30) == (1, 2)

	def test_each_count_stops_at_its_limit(self):
		rows = [row(f"own {i}", received_hours=-i - 1, customer="C") for i in range(5)]
		rows += [row(f"other {i}", received_hours=-1, customer=f"D{i}") for i in range(7)]
		assert self.counts(rows) == (5, 7)
		assert CategoryReports(rows).counts(
			name="me",
			customer="C",
			party=("customer", "C"),
			received=T0,
			days=30,
			now=T0 + timedelta(hours=1),
			up_to=4,
		) == (4, 4)

	def test_a_sender_without_customer_counts_its_own_reports(self):
		rows = [row("s", received_hours=-1, sender="x@example.com")]
		assert self.counts(rows, customer=None, party=("sender", "x@example.com")) == (1, 0)

	def test_nothing_in_the_category(self):
		assert self.counts([]) == (0, 0)

	def test_a_crowded_window_counts_each_customer_once_as_a_sparse_one_does(self):
		crowd = [row(f"r{i}", received_hours=-(i % 50), customer=f"C{i % 7}") for i in range(400)]
		sparse = [row(f"s{i}", received_hours=-i * 24, customer=f"C{i}") for i in range(3)]
		assert self.counts(crowd, customer="C0") == (0, 6)
		assert self.counts(sparse, customer="C0", party=None) == (0, 2)

	def test_a_record_moved_to_another_category_or_invalidated_no_longer_counts(self):
		reports = CategoryReports(
			[row("d", received_hours=-5, customer="D"), row("e", received_hours=-4, customer="E")]
		)
		reports.remove("d")
		reports.add(row("e", received_hours=-4, customer="E", status="Invalid"))
		now = T0 + timedelta(days=1)
		assert reports.counts(
			name="me", customer="C", party=("customer", "C"), received=T0, days=30, now=now
		) == (0, 0)
		reports.add(row("d", received_hours=-5, customer="D"))
		assert reports.counts(
			name="me", customer="C", party=("customer", "C"), received=T0, days=30, now=now
		) == (0, 1)


class TestPartyHistory:
	def test_a_newer_version_of_a_row_replaces_it(self):
		history = PartyHistory()
		history.add([row("a", 1, customer="C")])
		history.add(
			[Neighbour("a", T0 + timedelta(hours=1), T0, "Open", customer="C", comparison_text="new")]
		)
		(found,) = history.latest([("customer", "C")], T0, T0 + timedelta(days=1), None, 50)
		assert found.comparison_text == "new"
