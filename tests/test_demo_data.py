import random
from collections import Counter
from datetime import datetime

from feedback_loop.core.intake.rules import CHANNELS, FEEDBACK_TYPES
from feedback_loop.tools.demo_data.records import (
	DemoCategory,
	DemoTeam,
	callback_row,
	feedback_rows,
	plan_rows,
)

START, END = datetime(2024, 11, 24), datetime(2026, 11, 24)
CATEGORIES = [
	DemoCategory("Late Delivery", "Late Delivery", "物流延误"),
	DemoCategory("Product Defect", "Product Defect", "产品缺陷"),
]


def rows(count=3000, seed=7):
	return list(
		feedback_rows(
			count, start=START, end=END, customers=["C1", "C2", "C3"], categories=CATEGORIES, seed=seed
		)
	)


def test_the_same_seed_gives_the_same_rows_and_names_are_unique():
	assert rows(200) == rows(200)
	assert rows(200) != rows(200, seed=8)
	names = [r["name"] for r in rows()]
	assert len(set(names)) == len(names) and all(n.startswith("FBDEMO") for n in names)


def test_values_are_valid_and_inside_the_window():
	for row in rows():
		assert START <= row["creation"] < END
		assert row["channel"] in CHANNELS and row["feedback_type"] in FEEDBACK_TYPES
		assert row["status"] in ("Open", "In Progress", "Resolved", "Closed")
		if row["status"] in ("Resolved", "Closed"):
			assert row["resolved_on"] > row["creation"] and row["resolution_sla_status"] in (
				"Met",
				"Breached",
			)
		else:
			assert "resolved_on" not in row


def test_resolved_records_have_confirmed_categories_for_the_model_to_learn():
	for row in rows(500):
		resolved = row["status"] in ("Resolved", "Closed")
		assert row["category_source"] == ("Manual" if resolved else "Rule")


def test_distributions_look_like_a_service_desk():
	sample = rows()
	types = Counter(r["feedback_type"] for r in sample)
	assert types["Complaint"] > types["Suggestion"] > types["Praise"]
	assert 0.6 < sum(r["text_language"] == "zh" for r in sample) / len(sample) < 0.8
	weekdays = Counter(r["creation"].weekday() for r in sample)
	assert weekdays[0] > weekdays[6] * 1.5
	many = list(
		feedback_rows(
			3000,
			start=START,
			end=END,
			customers=["C1"],
			categories=[DemoCategory(f"Cat {i}", f"Cat {i}", f"类别{i}") for i in range(20)],
			seed=7,
		)
	)
	top = Counter(r["category"] for r in many).most_common()
	assert top[0][1] / len(many) > 0.10 > top[-1][1] / len(many)  # a few issues dominate
	closed = [r for r in sample if r["status"] in ("Resolved", "Closed")]
	met = sum(r["resolution_sla_status"] == "Met" for r in closed) / len(closed)
	assert 0.7 < met < 0.9
	# Chinese text names the Chinese category, English text the English one.
	zh = next(r for r in sample if r["text_language"] == "zh")
	assert any(c.label_zh in zh["description"] for c in CATEGORIES)


def test_callbacks_only_for_closed_records():
	rng = random.Random(1)
	callbacks = [callback_row(rng, row, i) for i, row in enumerate(rows())]
	made = [c for c in callbacks if c]
	assert made and all(c["name"].startswith("CBDEMO") for c in made)
	for callback in made:
		if callback["status"] == "Responded":
			assert 1 <= callback["csat"] <= 5 and 0 <= callback["nps"] <= 10


def test_a_team_assigns_worked_records_and_working_hours_follow_the_clock():
	team = DemoTeam(sla_policy="Standard", agents=(("a@example.com", "Support"), ("b@example.com", None)))
	sample = list(
		feedback_rows(2000, start=START, end=END, customers=["C1"], categories=CATEGORIES, seed=3, team=team)
	)
	assert all(r["sla_policy"] == "Standard" for r in sample)
	for row in sample:
		if row["status"] == "Open":
			assert "assignee" not in row and "response_working_hours" not in row
			continue
		assert (row["assignee"], row["department"]) in team.agents
		assert row["response_working_hours"] >= 0
		if "resolution_working_hours" in row:
			# A later moment on the same clock: never fewer working hours.
			assert row["resolution_working_hours"] >= row["response_working_hours"]
	assert "sla_policy" not in rows(10)[0]


def test_plans_are_judged_against_their_target():
	plans = list(plan_rows(400, end=END, categories=CATEGORIES, seed=5))
	assert len({p["name"] for p in plans}) == 400 and all(p["name"].startswith("IPDEMO") for p in plans)
	outcomes = Counter(p["workflow_state"] for p in plans)
	assert outcomes["Verified Effective"] > outcomes["Not Effective"] > 0
	for plan in plans:
		if plan["workflow_state"] == "Verified Effective":
			assert -plan["change_percent"] >= plan["target_value"] - 0.1
		elif plan["workflow_state"] == "Not Effective":
			assert -plan["change_percent"] < plan["target_value"]
		else:
			assert "verification_result" not in plan


def test_plans_come_with_their_actions():
	team = DemoTeam(agents=(("a@example.com", "Support"), ("b@example.com", None)))
	for plan in plan_rows(200, end=END, categories=CATEGORIES, seed=5, team=team):
		actions = plan["actions"]
		assert len(actions) in (2, 3)
		assert [a["idx"] for a in actions] == list(range(1, len(actions) + 1))
		assert all(a["parent"] == plan["name"] and a["parentfield"] == "actions" for a in actions)
		assert all(a["owner_user"] in ("a@example.com", "b@example.com") for a in actions)
		assert all(a["due_date"] > plan["started_on"] for a in actions)
		assert plan["progress"] == round(sum(a["progress"] for a in actions) / len(actions))
		if plan["workflow_state"] in ("Verified Effective", "Not Effective"):
			assert all(a["action_status"] == "Done" for a in actions)
			assert all(a["completed_on"] <= plan["completed_on"] for a in actions)
		for action in actions:
			assert ("completed_on" in action) == (action["action_status"] == "Done")
			assert " / " in action["measure"]


def test_records_carry_the_keywords_of_their_text():
	for row in rows(300):
		keywords = row["keywords"].split(", ")
		assert 0 < len(keywords) <= 5
		assert all(word.lower() in row["description"].lower() for word in keywords)
