"""Structured intake on the web form and the portal (core/intake/topics.py): the topics an
administrator keeps as Feedback Topic, shown in the customer's language, checked on submit."""

import frappe
from frappe import _

from feedback_loop.core.intake.topics import Topic, TopicProblem, parse_aspects, topic_problems

#: The seeds' templates (channel-optimisation plan 2): service, product, after-sales.
DEFAULT_TOPICS = [
	{
		"topic_name": "Service",
		"topic_name_zh": "服务",
		"aspects": [("Attitude", "服务态度"), ("Response time", "响应速度"), ("Effect", "处理效果")],
	},
	{
		"topic_name": "Product",
		"topic_name_zh": "产品",
		"needs_product": 1,
		"aspects": [("Function", "功能"), ("Quality", "质量"), ("Suggestion", "改进建议")],
	},
	{
		"topic_name": "After-sales",
		"topic_name_zh": "售后",
		"needs_order": 1,
		"aspects": [("Repair speed", "维修速度"), ("Fees", "收费"), ("Expertise", "专业水平")],
	},
]


def add_default_topics() -> None:
	"""Install and migrate: the seeded topics that are missing (an administrator's edits stay)."""
	for spec in DEFAULT_TOPICS:
		if frappe.db.exists("Feedback Topic", spec["topic_name"]):
			continue
		doc = frappe.get_doc(
			{"doctype": "Feedback Topic", **{k: v for k, v in spec.items() if k != "aspects"}}
		)
		for aspect, aspect_zh in spec["aspects"]:
			doc.append("aspects", {"aspect": aspect, "aspect_zh": aspect_zh})
		doc.insert(ignore_permissions=True)


def validate_topic(doc) -> None:
	names = [row.aspect.strip() for row in doc.aspects]
	if not names:
		frappe.throw(_("Add at least one aspect the customer can tick."))
	if len(set(names)) != len(names):
		frappe.throw(_("Each aspect once, please."))


def topic_of(name: str | None) -> Topic | None:
	if not name:
		return None
	doc = frappe.db.get_value(
		"Feedback Topic", {"name": name, "enabled": 1}, ["name", "needs_order", "needs_product"], as_dict=True
	)
	if not doc:
		return None
	aspects = frappe.get_all(
		"Feedback Topic Aspect",
		filters={"parent": name, "parenttype": "Feedback Topic"},
		pluck="aspect",
		order_by="idx",
	)
	return Topic(doc.name, tuple(aspects), bool(doc.needs_order), bool(doc.needs_product))


def portal_topics(language: str) -> list[dict]:
	"""The enabled topics with their aspects, labelled in the customer's language."""
	zh = language.startswith("zh")
	topics = frappe.get_all(
		"Feedback Topic",
		filters={"enabled": 1},
		fields=["name", "topic_name_zh", "needs_order", "needs_product"],
		order_by="creation asc",
	)
	aspects = frappe.get_all(
		"Feedback Topic Aspect",
		filters={"parenttype": "Feedback Topic", "parent": ["in", [t.name for t in topics] or [""]]},
		fields=["parent", "aspect", "aspect_zh"],
		order_by="parent, idx",
	)
	return [
		{
			"name": t.name,
			"label": (t.topic_name_zh if zh and t.topic_name_zh else t.name),
			"needs_order": t.needs_order,
			"needs_product": t.needs_product,
			"aspects": [
				(a.aspect, a.aspect_zh if zh and a.aspect_zh else a.aspect)
				for a in aspects
				if a.parent == t.name
			],
		}
		for t in topics
	]


def apply_topic(
	values: dict, *, orders_offered: bool = True, products_offered: bool = True
) -> list[tuple[str, TopicProblem]]:
	"""Check the posted topic and aspects; on success the record's fields (aspects one per line,
	the topic's category when none was chosen). Returns the problems, with their field.
	`orders_offered` / `products_offered`: whether the form had any to pick from."""
	ticked = parse_aspects(values.get("aspects"))
	topic = topic_of(values.get("topic"))
	if values.get("topic") and topic is None:
		return [("topic", TopicProblem.UNKNOWN_TOPIC)]
	problems = topic_problems(
		topic,
		ticked,
		has_order=bool(values.get("sales_order")),
		has_product=bool(values.get("item")),
		orders_offered=orders_offered,
		products_offered=products_offered,
	)
	if problems or topic is None:
		return problems
	values["aspects"] = "\n".join(ticked) or None
	if not values.get("category"):
		values["category"] = frappe.db.get_value("Feedback Topic", topic.name, "category")
	return []


def topic_message(problem: TopicProblem) -> str:
	return {
		TopicProblem.UNKNOWN_TOPIC: _("Please choose one of the topics shown."),
		TopicProblem.UNKNOWN_ASPECT: _("Please tick only the points shown for this topic."),
		TopicProblem.ORDER_REQUIRED: _("Please choose the order it is about."),
		TopicProblem.PRODUCT_REQUIRED: _("Please choose the product it is about."),
	}[problem]
