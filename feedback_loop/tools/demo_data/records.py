"""Realistic demo feedback for reports and benchmarks: two years of bilingual records with the
distributions a real service desk shows (more complaints than praise, e-mail and desk ahead of
SMS, a weekly rhythm, most SLAs met, older records closed), deterministic for a seed.

Rows are plain dicts of Feedback Record (and Feedback Callback) columns, ready for a bulk insert;
the names carry a prefix of their own so that the demo data can be removed exactly.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from feedback_loop.core.triage.priority_matrix import priority_for
from feedback_loop.core.triage.text.keywords import extract_keywords
from feedback_loop.core.triage.text.normalise import normalise

FEEDBACK_PREFIX = "FBDEMO"
CALLBACK_PREFIX = "CBDEMO"

CHANNELS = (
	("Desk", 20),
	("Email", 20),
	("Portal", 14),
	("Phone", 15),
	("WeChat", 12),
	("SMS", 4),
	("API", 8),
	("Survey", 7),
)
TYPES = (("Complaint", 55), ("Suggestion", 18), ("Inquiry", 17), ("Praise", 10))
IMPACTS = (("One Customer", 80), ("Several Customers", 14), ("Many Customers", 5), ("Core Function Down", 1))
URGENCIES = (("Low", 25), ("Medium", 50), ("High", 20), ("Critical", 5))
#: Busier on weekdays, quieter at the weekend (Monday first).
WEEKDAY_WEIGHT = (1.3, 1.2, 1.1, 1.1, 1.0, 0.6, 0.5)

_ZH = {
	"Complaint": (
		"{cat}问题又出现了，非常不满意，希望尽快处理。",
		"等了三天还没解决{cat}的问题，态度也很差。",
	),
	"Suggestion": ("建议改进{cat}，比如增加更多选择。", "希望{cat}方面能做得更好一些。"),
	"Inquiry": ("请问{cat}相关的问题怎么处理？", "想咨询一下{cat}的具体规定。"),
	"Praise": ("{cat}做得很好，非常满意，谢谢！", "这次{cat}体验很棒，点赞。"),
}
_EN = {
	"Complaint": (
		"The {cat} problem happened again, very disappointed.",
		"Still waiting on the {cat} issue after three days.",
	),
	"Suggestion": (
		"Please improve {cat}, for example more options.",
		"It would be great if {cat} were better.",
	),
	"Inquiry": ("How do I handle a {cat} question?", "Could you explain the {cat} policy?"),
	"Praise": ("Great {cat}, very happy, thank you!", "Excellent {cat} this time, well done."),
}
_SENTIMENT = {
	"Complaint": ("Negative", -0.7),
	"Suggestion": ("Neutral", -0.1),
	"Inquiry": ("Neutral", 0.0),
	"Praise": ("Positive", 0.8),
}


@dataclass(frozen=True)
class DemoCategory:
	name: str
	label_en: str
	label_zh: str


@dataclass(frozen=True)
class DemoTeam:
	"""Who works the demo feedback: the SLA policy and (assignee, department) pairs."""

	sla_policy: str | None = None
	agents: tuple[tuple[str, str | None], ...] = ()


#: Working hours in a day of the demo calendar (9–17 on weekdays): wall time → working time.
WORKING_SHARE = 8 / 24 * 5 / 7


@lru_cache(maxsize=4096)
def _keywords(text: str) -> str:
	# The demo's texts come from a few templates: each is analysed once, not once per record.
	return ", ".join(extract_keywords(normalise(text).text))


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
	return rng.choices([value for value, _ in weighted], weights=[weight for _, weight in weighted])[0]


def _moment(rng: random.Random, start: datetime, days: int) -> datetime:
	"""A moment in the window, weekdays and office hours more likely."""
	while True:
		day = start + timedelta(days=rng.randrange(days))
		if rng.random() * 1.3 <= WEEKDAY_WEIGHT[day.weekday()]:
			hour = int(min(max(rng.gauss(13, 3.5), 0), 23))
			return day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60), microsecond=0)


def feedback_rows(
	count: int,
	*,
	start: datetime,
	end: datetime,
	customers: list[str],
	categories: list[DemoCategory],
	seed: int = 42,
	first_number: int = 1,
	team: DemoTeam = DemoTeam(),
) -> Iterator[dict]:
	"""`count` records between `start` and `end`; the newest are still open, the oldest closed."""
	rng = random.Random(seed + first_number)
	days = max((end - start).days, 1)
	# A few issues cause most feedback (Zipf-like), in an order fixed by the seed alone.
	ranked = sorted(categories, key=lambda c: random.Random(f"{seed}:{c.name}").random())
	weights = [1 / (rank + 1) ** 1.1 for rank in range(len(ranked))]
	for number in range(first_number, first_number + count):
		created = _moment(rng, start, days)
		kind = _pick(rng, TYPES)
		category = rng.choices(ranked, weights=weights)[0]
		chinese = rng.random() < 0.7
		template = rng.choice((_ZH if chinese else _EN)[kind])
		text = template.format(cat=category.label_zh if chinese else category.label_en.lower())
		impact, urgency = _pick(rng, IMPACTS), _pick(rng, URGENCIES)
		sentiment, score = _SENTIMENT[kind]
		age_days = (end - created).days
		row = {
			"name": f"{FEEDBACK_PREFIX}{number:08d}",
			"creation": created,
			"modified": created,
			"received_on": created,
			"customer": rng.choice(customers),
			"feedback_type": kind,
			"channel": _pick(rng, CHANNELS),
			"category": category.name,
			"category_source": "Rule",
			"subject": text[:60],
			"description": f"<p>{text}</p>",
			"impact": impact,
			"urgency": urgency,
			"priority": priority_for(impact, urgency).value,
			"sentiment": sentiment,
			"sentiment_score": round(score + rng.uniform(-0.2, 0.2), 2),
			"keywords": _keywords(text),
			"text_language": "zh" if chinese else "en",
			"analysis_status": "Analysed",
			"occurrence_count": 1,
		}
		row.update(_lifecycle(rng, created, age_days))
		if row["status"] in ("Resolved", "Closed"):
			# The agent who resolved it confirmed its category: what the category model learns from.
			row["category_source"] = "Manual"
		if team.sla_policy:
			row["sla_policy"] = team.sla_policy
		if team.agents and row["status"] != "Open":
			row["assignee"], row["department"] = rng.choice(team.agents)
		yield row


def _lifecycle(rng: random.Random, created: datetime, age_days: int) -> dict:
	"""Status, SLA moments and outcomes: 85 % of responses and 80 % of resolutions on time."""
	response_due = created + timedelta(hours=24)
	resolution_due = created + timedelta(days=5)
	responded = created + timedelta(hours=rng.uniform(1, 20) if rng.random() < 0.85 else rng.uniform(25, 72))
	values = {
		"first_response_due": response_due,
		"resolution_due": resolution_due,
		"sla_started_on": created,
	}
	if age_days < 3 and rng.random() < 0.6:
		values.update(
			{"status": "Open", "response_sla_status": "On Track", "resolution_sla_status": "On Track"}
		)
		return values
	values["first_responded_on"] = responded
	values["response_sla_status"] = "Met" if responded <= response_due else "Breached"
	values["response_working_hours"] = _working_hours(responded - created)
	if age_days < 10 and rng.random() < 0.5:
		values.update({"status": "In Progress", "resolution_sla_status": "On Track"})
		return values
	resolved = created + timedelta(days=rng.uniform(0.5, 4.5) if rng.random() < 0.8 else rng.uniform(5.5, 15))
	# Nothing is resolved before its first answer.
	resolved = max(resolved, responded + timedelta(hours=1))
	values.update(
		{
			"status": "Closed" if age_days > 14 else "Resolved",
			"resolved_on": resolved,
			"resolution_fulfilled_on": resolved,
			"closed_on": resolved + timedelta(days=7) if age_days > 14 else None,
			"resolution_sla_status": "Met" if resolved <= resolution_due else "Breached",
			"resolution_working_hours": _working_hours(resolved - created),
			"resolution_summary": "<p>Handled / 已处理</p>",
		}
	)
	return values


def _working_hours(elapsed: timedelta) -> float:
	"""An approximation good enough for demo figures: the working share of the wall time."""
	return round(elapsed.total_seconds() / 3600 * WORKING_SHARE, 2)


def callback_row(rng: random.Random, feedback: dict, number: int) -> dict | None:
	"""A revisit for about a third of the closed records; most answered, with CSAT and NPS."""
	if feedback.get("status") != "Closed" or rng.random() > 0.35:
		return None
	sent = feedback["closed_on"] - timedelta(days=6)
	answered = rng.random() < 0.7
	happy = feedback["feedback_type"] != "Complaint" or rng.random() < 0.6
	row = {
		"name": f"{CALLBACK_PREFIX}{number:08d}",
		"creation": sent,
		"modified": sent,
		"callback_type": "Resolution Verification",
		"customer": feedback["customer"],
		"feedback_record": feedback["name"],
		"channel": "E-mail",
		"due_on": sent,
		"sent_on": sent,
		"status": "Responded" if answered else "No Response",
	}
	if answered:
		row.update(
			{
				"responded_on": sent + timedelta(hours=rng.uniform(1, 72)),
				"csat": rng.choice((4, 5, 5)) if happy else rng.choice((1, 2, 3)),
				"nps": rng.choice((9, 10, 8)) if happy else rng.choice((0, 2, 5, 6, 7)),
				"nps_answered": 1,
				"solved": "Yes" if happy else "No",
			}
		)
	return row


PLAN_PREFIX = "IPDEMO"
#: Plan outcomes: most plans that were verified worked, some did not, recent ones still running.
PLAN_OUTCOMES = (("Verified Effective", 55), ("Not Effective", 20), ("In Progress", 15), ("Approved", 10))


#: What a plan does about a category, in both languages.
_MEASURES = (
	("Review every {en} case of the last quarter with the team", "与团队复盘上季度所有{zh}案例"),
	("Update the work instruction for {en}", "更新{zh}相关作业指导书"),
	("Train the front-line staff on {en}", "针对{zh}开展一线员工培训"),
	("Add a check for {en} before dispatch", "发货前增加{zh}检查"),
)


def plan_rows(
	count: int,
	*,
	end: datetime,
	categories: list[DemoCategory],
	seed: int = 42,
	first_number: int = 1,
	team: DemoTeam = DemoTeam(),
) -> Iterator[dict]:
	"""Improvement plans over the two years, each aimed at a category's volume, with their actions
	under "actions" as a Frappe document holds its child rows; the plan's progress is theirs."""
	rng = random.Random(f"{seed}:plans:{first_number}")
	for number in range(first_number, first_number + count):
		category = rng.choice(categories)
		started = end - timedelta(days=rng.randrange(60, 700))
		outcome = _pick(rng, PLAN_OUTCOMES)
		target = rng.choice((20, 30, 50, 70))
		row = {
			"name": f"{PLAN_PREFIX}{number:05d}",
			"creation": started - timedelta(days=7),
			"modified": started,
			"title": f"Reduce {category.label_en} feedback / 减少{category.label_zh}反馈",
			"category": category.name,
			"cycle": 1,
			"target_type": "Reduce Feedback Volume",
			"target_value": target,
			"baseline_days": 90,
			"measurement_days": 60,
			"started_on": started.date(),
			"workflow_state": outcome,
		}
		finished = outcome in ("Verified Effective", "Not Effective")
		row["actions"] = _plan_actions(rng, row, category, team, finished)
		row["progress"] = round(sum(a["progress"] for a in row["actions"]) / len(row["actions"]))
		if finished:
			baseline = round(rng.uniform(20, 200), 1)
			drop = (
				rng.uniform(target, 90) if outcome == "Verified Effective" else rng.uniform(-10, target - 1)
			)
			after = round(baseline * (1 - drop / 100), 1)
			completed = max(started + timedelta(days=rng.randrange(20, 60)), _last_done(row["actions"]))
			row.update(
				{
					"completed_on": completed.date(),
					"verified_on": completed + timedelta(days=60),
					"verification_result": outcome,
					"baseline_count": round(baseline * 3),
					"baseline_rate": baseline,
					"after_count": round(after * 2),
					"after_rate": after,
					"change_percent": round((after - baseline) / baseline * 100, 1),
				}
			)
		yield row


def _plan_actions(
	rng: random.Random, plan: dict, category: DemoCategory, team: DemoTeam, finished: bool
) -> list[dict]:
	"""Two or three actions with owners and due dates: all done for a finished plan, some still
	open for a running one."""
	started = plan["started_on"]
	actions = []
	for idx, (en, zh) in enumerate(rng.sample(_MEASURES, rng.choice((2, 3))), start=1):
		owner, department = rng.choice(team.agents) if team.agents else ("Administrator", None)
		due = started + timedelta(days=rng.randrange(14, 45))
		status = "Done" if finished else rng.choice(("Done", "In Progress", "Open"))
		action = {
			"name": f"{plan['name']}-A{idx}",
			"parent": plan["name"],
			"parenttype": "Improvement Plan",
			"parentfield": "actions",
			"idx": idx,
			"creation": plan["creation"],
			"modified": plan["modified"],
			"measure": f"{en.format(en=category.label_en.lower())} / {zh.format(zh=category.label_zh)}",
			"owner_user": owner,
			"department": department,
			"due_date": due,
			"action_status": status,
			"progress": {"Done": 100, "In Progress": rng.choice((30, 50, 70)), "Open": 0}[status],
		}
		if status == "Done":
			action["completed_on"] = due - timedelta(days=rng.randrange(0, 7))
		actions.append(action)
	return actions


def _last_done(actions: list[dict]) -> datetime:
	day = max(a["completed_on"] for a in actions)
	return datetime(day.year, day.month, day.day)
