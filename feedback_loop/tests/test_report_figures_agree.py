"""Every report, run as the desk runs it (`frappe.desk.query_report.run`), on a small data set
worked out by hand: its cards, its Total row and its chart say the same thing, a rate of a Total
is the rate of the summed counts (never an average of the rows' percentages), and a period
without data is a gap (None) in the chart, not a 0 (issue #25)."""

import math

import frappe
from frappe.desk.query_report import run

from feedback_loop.api import workspace
from feedback_loop.core.reports.figures import percent
from feedback_loop.core.reports.satisfaction import LEVEL_INDICATOR, level
from feedback_loop.services.reports import score_levels
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import make_customer, make_feedback

TRIGGER = "Sales Order completed"


def cards(result) -> dict:
	return {card["label"]: card for card in result["report_summary"]}


def card_values(result) -> dict:
	return {label: card["value"] for label, card in cards(result).items()}


def chart_series(result) -> dict[str, list]:
	"""dataset name → values, and the chart's labels under "labels"."""
	data = result["chart"]["data"]
	return {"labels": data["labels"], **{d["name"]: d["values"] for d in data["datasets"]}}


def split_total(result) -> tuple[list[dict], dict]:
	"""The report's rows and its own Total row, which is last; Frappe added none."""
	rows = result["result"]
	assert all(isinstance(row, dict) for row in rows), "Frappe's averaging total row is skipped"
	assert rows[-1].get("is_total"), rows[-1]
	return rows[:-1], rows[-1]


def answered_revisit(customer, day, csat=0, nps=None, ces=0, **values):
	return frappe.get_doc(
		{
			"doctype": "Feedback Callback",
			"callback_type": "Resolution Verification",
			"customer": customer,
			"channel": "E-mail",
			"status": "Responded",
			"due_on": f"{day} 09:00:00",
			"responded_on": f"{day} 10:00:00",
			"csat": csat,
			"nps": nps or 0,
			"nps_answered": 0 if nps is None else 1,
			"ces": ces,
			**values,
		}
	).insert(ignore_permissions=True)


def seeded_feedback(customer, when, **values):
	name = make_feedback(customer).name
	frappe.db.set_value(
		"Feedback Record", name, {"creation": when, "received_on": when, **values}, update_modified=False
	)
	return name


class TestCallbackPerformanceAgrees(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("Figures Revisit Customer")
		# March 2018 by hand. After Order (the trigger): 2 answered, 3 still awaiting an answer →
		# sent 5, rate 2 ÷ 5 = 40 % (leaving the waiting out made it 100 %). Resolution
		# Verification (no trigger): 1 answered, 3 no response, 1 not sent yet, 1 cancelled →
		# sent 4, rate 25 %. Total: 3 ÷ 9 = 33.3 % — not the rows' average, 32.5 %.
		for kind, trigger, states in (
			("After Order", TRIGGER, ("Responded",) * 2 + ("Sent",) * 3),
			(
				"Resolution Verification",
				None,
				("Responded",) + ("No Response",) * 3 + ("Scheduled", "Cancelled"),
			),
		):
			for state in states:
				frappe.get_doc(
					{
						"doctype": "Feedback Callback",
						"callback_type": kind,
						"trigger": trigger,
						"customer": cls.customer,
						"channel": "E-mail",
						"status": state,
						"due_on": "2018-03-10 10:00:00",
					}
				).insert(ignore_permissions=True)

	def test_rows_total_cards_and_chart_share_one_response_rate(self):
		result = run(
			"Callback Performance",
			filters={"from_date": "2018-03-01", "to_date": "2018-03-31", "customer": self.customer},
		)
		rows, total = split_total(result)
		by_kind = {row["callback_type"]: row for row in rows}
		order, verification = by_kind["After Order"], by_kind["Resolution Verification"]
		self.assertEqual(
			{
				k: order[k]
				for k in ("trigger", "sent", "responded", "no_response", "awaiting", "response_rate")
			},
			{
				"trigger": TRIGGER,
				"sent": 5,
				"responded": 2,
				"no_response": 0,
				"awaiting": 3,
				"response_rate": 40.0,
			},
		)
		self.assertEqual(
			(verification["revisits"], verification["not_sent"], verification["failed_or_cancelled"]),
			(6, 1, 1),
		)
		self.assertEqual((verification["sent"], verification["response_rate"]), (4, 25.0))

		# The Total row: the summed counts, and the rate of those sums.
		for key in (
			"revisits",
			"not_sent",
			"sent",
			"responded",
			"no_response",
			"awaiting",
			"failed_or_cancelled",
		):
			self.assertEqual(total[key], sum(row[key] for row in rows), key)
		self.assertEqual(total["response_rate"], percent(total["responded"], total["sent"]))
		self.assertEqual(total["response_rate"], 33.3)
		self.assertNotEqual(total["response_rate"], (40.0 + 25.0) / 2)
		self.assertFalse(result["add_total_row"])  # no second, averaging total in the desk

		# The cards are the Total row.
		summary = card_values(result)
		self.assertEqual(summary["Response Rate (%)"], total["response_rate"])
		for label, key in (("Revisits", "revisits"), ("Sent", "sent"), ("Responded", "responded")):
			self.assertEqual(summary[label], total[key], label)
		self.assertEqual((summary["No Response"], summary["Awaiting Answer"]), (3, 3))

		# The chart: a bar per row and the Total, whose green part is each one's response rate;
		# three series, so a legend.
		chart = chart_series(result)
		self.assertEqual(len(result["chart"]["data"]["datasets"]), 3)
		self.assertEqual(chart["labels"][-1], "Total")
		self.assertEqual(chart["Responded (%)"], [*(row["response_rate"] for row in rows), 33.3])
		self.assertEqual(chart["Awaiting Answer (%)"][-1], percent(3, 9))
		self.assertIn("answered ÷ revisits sent", result["message"])

	def test_nothing_due_shows_no_rate(self):
		result = run(
			"Callback Performance",
			filters={"from_date": "2017-03-01", "to_date": "2017-03-31", "customer": self.customer},
		)
		self.assertEqual(result["result"], [])
		self.assertEqual(card_values(result)["Response Rate (%)"], "—")


def set_thresholds(**values):
	frappe.db.set_single_value("Feedback Settings", values)
	frappe.clear_document_cache("Feedback Settings", "Feedback Settings")


class ThresholdsRolledBack(IntegrationTestCase):
	"""The class's changes to the thresholds are rolled back, and so is the cached settings."""

	@classmethod
	def tearDownClass(cls):
		super().tearDownClass()
		frappe.clear_document_cache("Feedback Settings", "Feedback Settings")


class TestSatisfactionTrendAgrees(ThresholdsRolledBack):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.customer = make_customer("Figures Satisfaction Customer")
		# By hand. January 2018: CSAT 5, 4, 1 (3.33, 66.7 % satisfied), NPS 10, 9, 0 (+33.3).
		# February: nothing. March: CSAT 2, 2 (2.0, 0 %), NPS 0, 6 (−100), one without scores.
		# April: nothing. Whole: CSAT 14 ÷ 5 = 2.8 (not the months' average 2.67), satisfied
		# 2 ÷ 5 = 40 %, NPS (2 − 3) ÷ 5 = −20 (not the months' average −33.3), 6 responses.
		for day, csat, nps in (
			("2018-01-03", 5, 10),
			("2018-01-10", 4, 9),
			("2018-01-20", 1, 0),
			("2018-03-05", 2, 0),
			("2018-03-06", 2, 6),
			("2018-03-07", 0, None),
		):
			answered_revisit(cls.customer, day, csat=csat, nps=nps)

	def trend(self, **filters):
		return run(
			"Satisfaction Trend",
			filters={
				"from_date": "2018-01-01",
				"to_date": "2018-04-30",
				"customer": self.customer,
				"group_by": "Month",
				**filters,
			},
		)

	def test_periods_total_cards_and_chart_agree_and_empty_months_are_gaps(self):
		result = self.trend()
		rows, total = split_total(result)
		self.assertEqual([row["period"] for row in rows], ["2018-01", "2018-02", "2018-03", "2018-04"])
		january, february, march, april = rows
		self.assertEqual((january["csat"], january["satisfied"], january["nps"]), (3.33, 66.7, 33.3))
		self.assertEqual(
			(march["csat"], march["satisfied"], march["nps"], march["responses"]), (2.0, 0.0, -100.0, 3)
		)
		for empty in (february, april):
			self.assertEqual(
				(empty["responses"], empty["csat"], empty["satisfied"], empty["nps"], empty["ces"]),
				(0, None, None, None, None),
			)

		# The Total row: all answers together, and the rows' counts add up to it.
		self.assertEqual(
			(total["csat"], total["satisfied"], total["nps"], total["responses"]), (2.8, 40.0, -20.0, 6)
		)
		self.assertEqual(total["responses"], sum(row["responses"] for row in rows))
		for score in range(1, 6):
			self.assertEqual(total[f"csat_{score}"], sum(row[f"csat_{score}"] for row in rows))
		answers = sum(total[f"csat_{s}"] for s in range(1, 6))
		self.assertEqual(total["csat"], round(sum(s * total[f"csat_{s}"] for s in range(1, 6)) / answers, 2))

		# The cards are the Total row, coloured by the settings' thresholds.
		summary = cards(result)
		self.assertEqual(summary["CSAT (1-5)"]["value"], total["csat"])
		self.assertEqual(summary["NPS"]["value"], total["nps"])
		self.assertEqual(summary["Satisfied (%)"]["value"], total["satisfied"])
		self.assertEqual(summary["Responses"]["value"], total["responses"])
		self.assertEqual(
			summary["CSAT (1-5)"]["indicator"],
			LEVEL_INDICATOR[level(total["csat"], score_levels.thresholds("csat"))],
		)

		# The chart: CSAT (satisfied share) and NPS, two series with a legend, equal to the
		# table's periods; the months without answers are None, not 0.
		chart = chart_series(result)
		self.assertEqual(chart["labels"], [row["period"] for row in rows])
		self.assertEqual(chart["CSAT: Satisfied (%)"], [66.7, None, 0.0, None])
		self.assertEqual(chart["NPS"], [33.3, None, -100.0, None])
		self.assertEqual(result["chart"]["type"], "bar")  # a line would draw a gap at 0

	def test_without_any_answer_there_is_nothing_to_show(self):
		result = self.trend(from_date="2018-04-01", to_date="2018-04-30")
		self.assertEqual((result["result"], result["chart"]), ([], None))
		self.assertEqual(card_values(result)["CSAT (1-5)"], "—")

	def test_by_week_every_week_is_there(self):
		result = self.trend(from_date="2018-03-01", to_date="2018-03-31", group_by="Week")
		rows, _total = split_total(result)
		self.assertEqual(
			[r["period"] for r in rows], ["2018-W09", "2018-W10", "2018-W11", "2018-W12", "2018-W13"]
		)
		self.assertEqual(chart_series(result)["NPS"], [None, -100.0, None, None, None])

	def test_the_card_colours_follow_the_settings(self):
		result = self.trend()
		csat = cards(result)["CSAT (1-5)"]
		for low, good, indicator in ((3, 4, "Red"), (2, 4, "Orange"), (1, 2.5, "Green")):
			set_thresholds(low_csat_average_at_most=low, good_csat_average_at_least=good)
			self.assertEqual(cards(self.trend())["CSAT (1-5)"]["indicator"], indicator, (low, good))
		self.assertEqual(csat["value"], 2.8)


class TestWorkspaceSatisfactionCardsAgree(ThresholdsRolledBack):
	def test_the_cards_show_the_reports_figure_in_the_colour_of_its_level(self):
		customer = make_customer("Figures Card Customer")
		today = frappe.utils.nowdate()
		for csat, nps in ((2, 10), (2, 10), (3, 3)):
			answered_revisit(customer, today, csat=csat, nps=nps)
		for method, score, label, days in (
			(workspace.csat_30_days, "csat", "CSAT (1-5)", 30),
			(workspace.nps_90_days, "nps", "NPS", 90),
		):
			card = method()
			# Opened from the card, the report covers the card's days and shows the same figure.
			self.assertEqual(card["route"], ["query-report", "Satisfaction Trend"])
			report = run("Satisfaction Trend", filters=card["route_options"])
			self.assertEqual(card_values(report)[label], card["value"], label)
			self.assertEqual(
				card["route_options"]["from_date"], str(frappe.utils.add_days(frappe.utils.getdate(), -days))
			)
			self.assertEqual(
				card["indicator"], LEVEL_INDICATOR[level(card["value"], score_levels.thresholds(score))]
			)

		# Red when low, green only when good: the thresholds are the settings'.
		value = workspace.csat_30_days()["value"]
		set_thresholds(low_csat_average_at_most=value, good_csat_average_at_least=5)
		self.assertEqual(workspace.csat_30_days()["indicator"], "Red")
		set_thresholds(low_csat_average_at_most=max(value - 1, 0.5), good_csat_average_at_least=5)
		self.assertEqual(workspace.csat_30_days()["indicator"], "Orange")
		set_thresholds(low_csat_average_at_most=0.5, good_csat_average_at_least=value)
		self.assertEqual(workspace.csat_30_days()["indicator"], "Green")
		# The NPS thresholds are whole numbers; the NPS has a decimal.
		nps = workspace.nps_90_days()["value"]
		set_thresholds(low_nps_score_at_most=math.ceil(nps), good_nps_score_at_least=100)
		self.assertEqual(workspace.nps_90_days()["indicator"], "Red")
		if math.floor(nps):  # a threshold of 0 reads as left empty: its default
			set_thresholds(low_nps_score_at_most=math.floor(nps) - 1, good_nps_score_at_least=math.floor(nps))
			self.assertEqual(workspace.nps_90_days()["indicator"], "Green")


class TestSentimentTrendAgrees(IntegrationTestCase):
	def test_periods_total_cards_and_chart_agree_and_an_empty_month_is_a_gap(self):
		customer = make_customer("Figures Sentiment Customer")
		# January 2018: 3 negative, 1 positive (75 % negative); February nothing; March 1
		# negative, 1 neutral, 2 positive (25 %); April 1 positive (0 %). Whole: 4 of 9 negative =
		# 44.4 % — the average of the months' 75, 25 and 0 would be 33.3.
		for when, mood in (
			*(("2018-01-05", "Negative"),) * 3,
			("2018-01-06", "Positive"),
			("2018-03-02", "Negative"),
			("2018-03-03", "Neutral"),
			*(("2018-03-04", "Positive"),) * 2,
			("2018-04-04", "Positive"),
		):
			seeded_feedback(customer, f"{when} 10:00:00", sentiment=mood)
		result = run(
			"Sentiment Trend",
			filters={
				"from_date": "2018-01-01",
				"to_date": "2018-04-30",
				"customer": customer,
				"group_by": "Month",
			},
		)
		rows, total = split_total(result)
		self.assertEqual(
			[(r["period"], r["total"], r["negative"]) for r in rows],
			[("2018-01", 4, 75.0), ("2018-02", 0, None), ("2018-03", 4, 25.0), ("2018-04", 1, 0.0)],
		)
		self.assertEqual(total["total"], sum(r["total"] for r in rows))
		self.assertEqual((total["negative"], total["neutral"], total["positive"]), (44.4, 11.1, 44.4))
		summary = card_values(result)
		self.assertEqual(summary["Negative (%)"], total["negative"])
		self.assertEqual(summary["Positive (%)"], total["positive"])
		chart = chart_series(result)
		self.assertEqual(chart["labels"], [r["period"] for r in rows])
		self.assertEqual(chart["Negative"], [75.0, None, 25.0, 0.0])
		self.assertEqual(len(result["chart"]["data"]["datasets"]), 3)
		empty = run(
			"Sentiment Trend",
			filters={"from_date": "2018-02-01", "to_date": "2018-02-28", "customer": customer},
		)
		self.assertEqual(
			(empty["result"], empty["chart"], card_values(empty)["Negative (%)"]), ([], None, "—")
		)


class TestFeedbackOverviewAgrees(IntegrationTestCase):
	def test_weeks_total_row_cards_and_chart_agree(self):
		customer = make_customer("Figures Overview Customer")
		# March 2018 by week: W09 1 Email (closed), W10 2 Desk, W11 nothing, W12 1 Email, W13 1
		# Desk (closed): 5 feedback, 2 closed (40 %). A week without feedback had none: 0.
		for when, channel, status in (
			("2018-03-01", "Email", "Closed"),
			("2018-03-06", "Desk", "Open"),
			("2018-03-07", "Desk", "Open"),
			("2018-03-20", "Email", "Open"),
			("2018-03-27", "Desk", "Closed"),
		):
			seeded_feedback(customer, f"{when} 10:00:00", channel=channel, status=status)
		result = run(
			"Feedback Overview",
			filters={
				"from_date": "2018-03-01",
				"to_date": "2018-03-31",
				"customer": customer,
				"group_by": "Week",
			},
		)
		rows = [row for row in result["result"] if isinstance(row, dict)]
		frappe_total = result["result"][-1]  # Frappe's: sums of counts only, nothing to average
		self.assertEqual(
			[(r["period"], r["total"]) for r in rows],
			[("2018-W09", 1), ("2018-W10", 2), ("2018-W11", 0), ("2018-W12", 1), ("2018-W13", 1)],
		)
		summary = card_values(result)
		self.assertEqual(summary["Feedback"], sum(r["total"] for r in rows))
		self.assertEqual(frappe_total[1], summary["Feedback"])
		self.assertEqual(summary["Closed loop (%)"], percent(2, 5))
		chart = chart_series(result)
		self.assertEqual(chart["labels"], [r["period"] for r in rows])
		self.assertEqual(
			[a + b for a, b in zip(chart["Email"], chart["Desk"], strict=True)], [r["total"] for r in rows]
		)
		self.assertEqual(chart["Desk"][2], 0)


class TestTopIssuesAgrees(IntegrationTestCase):
	def test_shares_cards_and_chart_agree(self):
		customer = make_customer("Figures Top Issues Customer")
		a, b = frappe.get_all(
			"Feedback Category", filters={"is_group": 0}, pluck="name", order_by="name", limit=2
		)
		# March 2018: a 3, b 1 (75 %, 25 %); February: a 1.
		for when, category in (
			*(("2018-03-05", a),) * 3,
			("2018-03-06", b),
			("2018-02-05", a),
		):
			seeded_feedback(customer, f"{when} 10:00:00", category=category)
		result = run(
			"Top Issues",
			filters={"from_date": "2018-03-01", "to_date": "2018-03-31", "customer": customer},
		)
		rows = result["result"]
		self.assertEqual(
			[(r["issue"], r["count"], r["share"], r["previous"]) for r in rows],
			[(a, 3, 75.0, 1), (b, 1, 25.0, 0)],
		)
		for row in rows:
			self.assertEqual(row["share"], percent(row["count"], sum(r["count"] for r in rows)))
		summary = {card["label"]: card["value"] for card in result["report_summary"]}
		self.assertIn(rows[0]["share"], summary.values())
		chart = result["chart"]["data"]
		self.assertEqual([d["name"] for d in chart["datasets"]], ["Feedback", "Previous Period"])
		self.assertEqual(chart["datasets"][0]["values"], [r["count"] for r in rows])
		self.assertEqual(chart["datasets"][1]["values"], [r["previous"] for r in rows])


class TestSlaComplianceAgrees(IntegrationTestCase):
	def test_groups_total_row_cards_and_chart_agree(self):
		customer = make_customer("Figures SLA Customer")
		# May 2018. High: response Met, Met, Breached (33.3 % breached); resolution Met, Breached.
		# Low: response Breached; resolution still On Track — none decided, so no bar, not 0 %.
		# Total response: 2 of 4 breached = 50 % (the groups' average would be 66.7 %).
		for priority, response, resolution in (
			("High", "Met", "Met"),
			("High", "Met", "Breached"),
			("High", "Breached", "On Track"),
			("Low", "Breached", "On Track"),
		):
			seeded_feedback(
				customer,
				"2018-05-07 10:00:00",
				priority=priority,
				sla_policy="Standard",
				response_sla_status=response,
				resolution_sla_status=resolution,
			)
		result = run(
			"SLA Compliance",
			filters={
				"from_date": "2018-05-01",
				"to_date": "2018-05-31",
				"customer": customer,
				"based_on": "Priority",
			},
		)
		rows, total = split_total(result)
		by_group = {row["group"]: row for row in rows}
		self.assertEqual(by_group["High"]["response_breached_pct"], 33.3)
		self.assertEqual(by_group["Low"]["response_breached_pct"], 100.0)
		self.assertIsNone(by_group["Low"]["resolution_breached_pct"])
		for key in ("total", "response_met", "response_breached", "resolution_met", "resolution_breached"):
			self.assertEqual(total[key], sum(row[key] for row in rows), key)
		self.assertEqual(total["response_breached_pct"], 50.0)
		self.assertEqual(total["resolution_breached_pct"], 50.0)
		summary = card_values(result)
		self.assertEqual(summary["Feedback with SLA"], total["total"])
		self.assertEqual(summary["First Response Met (%)"], round(100 - total["response_breached_pct"], 1))
		chart = chart_series(result)
		self.assertEqual(chart["labels"], [*by_group, "Total"])
		self.assertEqual(
			chart["First Response Breached (%)"], [row["response_breached_pct"] for row in rows] + [50.0]
		)
		self.assertEqual(chart["Resolution Breached (%)"][list(by_group).index("Low")], None)


class TestImprovementEffectivenessAgrees(IntegrationTestCase):
	def test_the_volume_change_card_is_the_change_of_the_charts_sums(self):
		names = []
		# 100 → 40 (−60 %) and 80 → 72 (−10 %): together 180 → 112, −37.8 % (the average: −35 %).
		for title, baseline, after, change, verdict in (
			("Figures A", 100, 40, -60, "Verified Effective"),
			("Figures B", 80, 72, -10, "Not Effective"),
		):
			doc = frappe.get_doc(
				{
					"doctype": "Improvement Plan",
					"title": title,
					"target_type": "Reduce Feedback Volume",
					"target_value": 30,
					"baseline_days": 90,
					"measurement_days": 60,
					"baseline_rate": baseline,
					"after_rate": after,
					"change_percent": change,
					"verification_result": verdict,
					"workflow_state": verdict,
				}
			)
			doc.set_new_name()
			doc.creation = doc.modified = "2018-08-05 10:00:00"
			doc.owner = "Administrator"
			doc.db_insert()
			names.append(doc.name)
		result = run(
			"Improvement Effectiveness", filters={"from_date": "2018-08-01", "to_date": "2018-08-31"}
		)
		summary = card_values(result)
		chart = result["chart"]["data"]
		baseline, after = (sum(d["values"]) for d in chart["datasets"])
		self.assertEqual((baseline, after), (180, 112))
		self.assertEqual(
			summary["Volume Change, Measured Plans (%)"], round((after - baseline) / baseline * 100, 1)
		)
		self.assertEqual(summary["Volume Change, Measured Plans (%)"], -37.8)
		self.assertEqual(summary["Effective (%)"], 50.0)
		self.assertEqual(len(chart["datasets"]), 2)


class TestCustomerFeedbackSummaryAgrees(IntegrationTestCase):
	def test_the_cards_are_the_sums_of_the_rows(self):
		first, second = make_customer("Figures Summary One"), make_customer("Figures Summary Two")
		# June 2018: first 3 feedback, 3 negative (100 %); second 1, none negative (0 %). All: 3 of
		# 4 = 75 % (the rows' average would be 50 %).
		for customer, moods in ((first, ("Negative",) * 3), (second, ("Neutral",))):
			for mood in moods:
				seeded_feedback(customer, "2018-06-05 10:00:00", sentiment=mood)
		filters = {"from_date": "2018-06-01", "to_date": "2018-06-30"}
		result = run("Customer Feedback Summary", filters=filters)
		rows = [row for row in result["result"] if row["customer"] in (first, second)]
		self.assertEqual(sorted(r["negative_share"] for r in rows), [0.0, 100.0])
		everyone = result["result"]
		summary = card_values(result)
		self.assertEqual(summary["Feedback"], sum(r["total"] for r in everyone))
		self.assertEqual(
			summary["Negative (%)"],
			percent(sum(r["negative"] for r in everyone), sum(r["total"] for r in everyone)),
		)
		only_first = card_values(run("Customer Feedback Summary", filters={**filters, "customer": first}))
		self.assertEqual(only_first["Negative (%)"], 100.0)
		nothing = card_values(
			run("Customer Feedback Summary", filters={"from_date": "2016-06-01", "to_date": "2016-06-02"})
		)
		self.assertEqual(nothing["Negative (%)"], "—")
