"""The core's vocabulary and the doctypes' Select options are one list each.

The core decides with its enums; the database stores what a Select field offers. A value added
on one side only would be a status the rules never meet or a choice the form cannot offer, so
each pair is compared here.
"""

import json
import pathlib

import pytest

from feedback_loop.core.callbacks.schedule import DELAY_UNITS
from feedback_loop.core.callbacks.survey_answers import QUESTION_TYPES
from feedback_loop.core.feedback_status import STATUSES
from feedback_loop.core.intake.rules import Channel, FeedbackType, Frequency
from feedback_loop.core.plans.effect import TARGET_TYPES, Verdict
from feedback_loop.core.plans.lifecycle import ACTION_STATUSES, FINISHED_ACTIONS
from feedback_loop.core.rca.fishbone import SIX_M
from feedback_loop.core.sla.state import ESCALATION_ACTIONS, ESCALATION_TRIGGERS, SLA_STATUSES
from feedback_loop.core.sla.targets import TARGET_UNITS
from feedback_loop.core.triage.customer_segment import Segment
from feedback_loop.core.triage.initial_sentiment import Sentiment
from feedback_loop.core.triage.priority_matrix import IMPACTS, PRIORITIES, URGENCIES
from feedback_loop.core.triage.text.triage import CategorySource

DOCTYPES = pathlib.Path(__file__).resolve().parents[1] / "feedback_loop" / "feedback_loop" / "doctype"


def options(doctype: str, fieldname: str) -> tuple[str, ...]:
	"""The field's Select options, the empty first option of an optional field left out."""
	folder = doctype.lower().replace(" ", "_")
	meta = json.loads((DOCTYPES / folder / f"{folder}.json").read_text(encoding="utf-8"))
	field = next(f for f in meta["fields"] if f["fieldname"] == fieldname)
	assert field["fieldtype"] == "Select", f"{doctype}.{fieldname} is not a Select"
	return tuple(option for option in field["options"].split("\n") if option)


def values(enum) -> tuple[str, ...]:
	return tuple(member.value for member in enum)


SAME = [
	(STATUSES, "Feedback Record", "status"),
	(values(Channel), "Feedback Record", "channel"),
	(values(Channel), "Feedback SLA Policy", "channel"),
	(values(FeedbackType), "Feedback Record", "feedback_type"),
	(values(FeedbackType), "Feedback Messaging Source", "feedback_type"),
	(values(Frequency), "Feedback Record", "frequency"),
	(PRIORITIES, "Feedback Record", "priority"),
	(PRIORITIES, "Feedback Record", "priority_floor"),
	(PRIORITIES, "Feedback SLA Policy", "priority"),
	(PRIORITIES, "Feedback SLA Target", "priority"),
	(PRIORITIES, "Feedback Priority Rule", "priority"),
	(IMPACTS, "Feedback Record", "impact"),
	(IMPACTS, "Feedback Priority Rule", "impact"),
	(URGENCIES, "Feedback Record", "urgency"),
	(URGENCIES, "Feedback Priority Rule", "urgency"),
	(values(Segment), "Feedback Record", "customer_segment"),
	(values(Segment), "Feedback SLA Policy", "customer_segment"),
	(values(Sentiment), "Feedback Record", "sentiment"),
	(
		(CategorySource.MANUAL, CategorySource.RULE, CategorySource.MODEL),
		"Feedback Record",
		"category_source",
	),
	(SLA_STATUSES, "Feedback Record", "response_sla_status"),
	(SLA_STATUSES, "Feedback Record", "resolution_sla_status"),
	(ESCALATION_TRIGGERS, "Feedback SLA Escalation", "trigger"),
	(ESCALATION_ACTIONS, "Feedback SLA Escalation", "action"),
	(TARGET_UNITS, "Feedback SLA Target", "response_unit"),
	(TARGET_UNITS, "Feedback SLA Target", "resolution_unit"),
	(DELAY_UNITS, "Feedback Trigger", "delay_unit"),
	(QUESTION_TYPES, "Feedback Survey Question", "question_type"),
	(SIX_M, "Feedback Record", "root_cause_category"),
	(SIX_M, "Root Cause Analysis", "root_cause_category"),
	(SIX_M, "Root Cause Analysis Cause", "category"),
	(TARGET_TYPES, "Improvement Plan", "target_type"),
	(values(Verdict), "Improvement Plan", "verification_result"),
	(ACTION_STATUSES, "Improvement Plan Action", "action_status"),
]


@pytest.mark.parametrize(("core", "doctype", "fieldname"), SAME, ids=[f"{d}.{f}" for _core, d, f in SAME])
def test_the_core_and_the_doctype_offer_the_same_values(core, doctype, fieldname):
	offered = options(doctype, fieldname)
	assert len(set(offered)) == len(offered), f"{doctype}.{fieldname} offers a value twice"
	assert set(core) == set(offered)


def test_every_finished_action_status_is_one_the_form_offers():
	assert set(FINISHED_ACTIONS) <= set(options("Improvement Plan Action", "action_status"))
