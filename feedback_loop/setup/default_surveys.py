"""Survey templates and revisit triggers seeded on install; the triggers start disabled."""

import frappe

CSAT, NPS, CES, CHOICE, TEXT, SOLVED = (
	"CSAT (1-5)",
	"NPS (0-10)",
	"CES (1-7)",
	"Single Choice",
	"Free Text",
	"Problem Solved (Yes/No)",
)

#: Intros never count the questions: an administrator adds or removes one without reading the intro
#: again ("Three quick questions" stood above four). What earlier versions seeded, by template and
#: field, for the patch that updates the texts nobody changed (patches/count_free_survey_intros.py).
OLD_INTROS = {
	(
		"Post-order CSAT",
		"intro_en",
	): "Thank you for your order. Three quick questions help us serve you better.",
	("Post-order CSAT", "intro_zh"): "感谢您的订购。回答三个简单的问题，帮助我们为您提供更好的服务。",
	("NPS", "intro_en"): "One question about us, and room for your reasons.",
	("NPS", "intro_zh"): "一个关于我们的问题，也欢迎告诉我们原因。",
	(
		"Onboarding call",
		"intro_en",
	): "Thank you for your first order with us. May I ask three quick questions?",
	("Onboarding call", "intro_zh"): "感谢您首次在我们这里订购。可以占用您一分钟，问三个简单的问题吗？",
}

TEMPLATES = [
	{
		"template_name": "Post-order CSAT",
		"purpose": "Satisfaction",
		"intro_en": "Thank you for your order. A few quick questions help us serve you better.",
		"intro_zh": "感谢您的订购。回答几个简单的问题，帮助我们为您提供更好的服务。",
		"thank_you_en": "Thank you! We read every answer.",
		"thank_you_zh": "谢谢！我们会认真阅读每一条回答。",
		"questions": [
			(CSAT, "How satisfied are you with your order?", "您对本次订单满意吗？", 1, "", ""),
			(
				CHOICE,
				"What mattered most to you?",
				"您最看重哪一方面？",
				0,
				"Product quality\nDelivery\nService\nPrice",
				"产品质量\n物流配送\n服务\n价格",
			),
			(CES, "How easy was it to order from us?", "在我们这里下单方便吗？", 0, "", ""),
			(TEXT, "What could we do better?", "我们还有哪些地方可以做得更好？", 0, "", ""),
		],
	},
	{
		"template_name": "NPS",
		"purpose": "Loyalty (NPS)",
		"intro_en": "A few short questions about us, and room for your reasons.",
		"intro_zh": "几个关于我们的简短问题，也欢迎告诉我们原因。",
		"thank_you_en": "Thank you for your time.",
		"thank_you_zh": "感谢您抽出宝贵时间。",
		"questions": [
			(
				NPS,
				"How likely are you to recommend us to a friend or colleague?",
				"您有多大可能向朋友或同事推荐我们？",
				1,
				"",
				"",
			),
			(TEXT, "What is the main reason for your score?", "您给出这个分数的主要原因是什么？", 0, "", ""),
			(CSAT, "How satisfied are you with us overall?", "总体而言，您对我们满意吗？", 0, "", ""),
		],
	},
	{
		"template_name": "Resolution verification",
		"purpose": "Resolution Verification",
		"intro_en": "We recently resolved your feedback. Please tell us whether the problem is really solved.",
		"intro_zh": "我们最近处理了您的反馈，请告诉我们问题是否真的已经解决。",
		"thank_you_en": "Thank you. If the problem is not solved, we are on it again.",
		"thank_you_zh": "谢谢。如果问题尚未解决，我们会立即继续跟进。",
		"questions": [
			(SOLVED, "Is your problem solved?", "您的问题解决了吗？", 1, "", ""),
			(CSAT, "How satisfied are you with how we handled it?", "您对我们的处理过程满意吗？", 1, "", ""),
			(TEXT, "Anything else we should know?", "还有什么需要告诉我们的吗？", 0, "", ""),
		],
	},
	{
		"template_name": "Onboarding call",
		"purpose": "Onboarding",
		"intro_en": "Thank you for your first order with us. May I ask you a few quick questions?",
		"intro_zh": "感谢您首次在我们这里订购。可以占用您一分钟，问几个简单的问题吗？",
		"thank_you_en": "Thank you for your time.",
		"thank_you_zh": "感谢您抽出宝贵时间。",
		"questions": [
			(CSAT, "How satisfied are you with your first order?", "您对首次订购满意吗？", 1, "", ""),
			(
				CHOICE,
				"Did the delivery arrive complete and in good condition?",
				"货物是否完整、完好地送达？",
				1,
				"Yes\nNo, something was missing or damaged",
				"是\n否，有缺失或损坏",
			),
			(
				TEXT,
				"Was anything hard to understand or to use?",
				"有没有哪些地方不好理解或不好用？",
				0,
				"",
				"",
			),
		],
	},
]


#: The seeds' revisit plan, switched on at install; the others stay off until an admin wants them.
PLAN = {
	"Sales Order completed": "A satisfaction survey 3 working days after an order is completed.",
	"New customer onboarding call": "A phone call 5 working days after a new customer's first delivery.",
	"Quarterly check-in": "An NPS survey every 90 days to customers whose first order is more than 90 days old.",
	"Feedback resolved: verification revisit": (
		"A survey 2 working days after a complaint is resolved: is it still solved? Never held back."
	),
}
NOT_IN_PLAN = {
	"Delivery Note submitted": "A satisfaction survey 5 days after each delivery (off: the order's survey asks).",
	"Sales Invoice submitted": "An NPS survey 7 days after each invoice (off: the quarterly check-in asks).",
	"Issue closed": "A verification survey 1 working day after an ERPNext Issue is closed.",
}
#: The complaint's verification: only complaints, and not when the agent decided the customer is
#: not to be told of the resolution (they asked not to be contacted that way).
VERIFICATION_CONDITION = 'doc.feedback_type == "Complaint" and doc.notify_on_resolution'

LOOP_TRIGGERS = {"Feedback resolved: verification revisit"}

TRIGGERS = [
	# (name, type, event, doctype, status, condition, delay, unit, action, template, period)
	(
		"Sales Order completed",
		"After Order",
		"Status Changed To",
		"Sales Order",
		"Completed",
		"",
		3,
		"Working Days",
		"Survey E-mail",
		"Post-order CSAT",
		0,
	),
	(
		"Delivery Note submitted",
		"After Delivery",
		"Submitted",
		"Delivery Note",
		"",
		"",
		5,
		"Days",
		"Survey E-mail",
		"Post-order CSAT",
		0,
	),
	(
		"Sales Invoice submitted",
		"After Invoice",
		"Submitted",
		"Sales Invoice",
		"",
		"",
		7,
		"Days",
		"Survey E-mail",
		"NPS",
		0,
	),
	(
		"Issue closed",
		"After Support Issue",
		"Status Changed To",
		"Issue",
		"Closed",
		"",
		1,
		"Working Days",
		"Survey E-mail",
		"Resolution verification",
		0,
	),
	(
		"New customer onboarding call",
		"Onboarding",
		"Submitted",
		"Delivery Note",
		"",
		"is_first_delivery(doc)",
		5,
		"Working Days",
		"Phone Call",
		"Onboarding call",
		0,
	),
	(
		"Quarterly check-in",
		"Periodic Check-in",
		"Every N Days",
		"",
		"",
		"",
		0,
		"Days",
		"Survey E-mail",
		"NPS",
		90,
	),
	(
		"Feedback resolved: verification revisit",
		"Resolution Verification",
		"Status Changed To",
		"Feedback Record",
		"Resolved",
		VERIFICATION_CONDITION,
		2,
		"Working Days",
		"Survey E-mail",
		"Resolution verification",
		0,
	),
]

ONBOARDING_SCRIPT = """1. Introduce yourself and thank the customer for their first order.
2. Ask the questions below and press Record Call to note each answer as they give it.
3. Nobody answers: press No Answer and choose when to call again.
A low score or a complaint becomes feedback by itself."""

ONBOARDING_SCRIPT_ZH = """1. 自我介绍，感谢客户的首次订购。
2. 逐一询问下面的问题，客户回答时点“记录通话”填写每个答案。
3. 无人接听：点“无人接听”，选择何时再打。
低分或投诉会自动生成反馈。"""


def add_default_surveys() -> None:
	for spec in TEMPLATES:
		if frappe.db.exists("Feedback Survey Template", spec["template_name"]):
			continue
		frappe.get_doc(
			{
				"doctype": "Feedback Survey Template",
				**{k: v for k, v in spec.items() if k != "questions"},
				"questions": [
					{
						"question_type": kind,
						"question_en": en,
						"question_zh": zh,
						"required": required,
						"options_en": options_en,
						"options_zh": options_zh,
					}
					for kind, en, zh, required, options_en, options_zh in spec["questions"]
				],
			}
		).insert(ignore_permissions=True)
	for name, kind, event, doctype, status, condition, delay, unit, action, template, period in TRIGGERS:
		if frappe.db.exists("Feedback Trigger", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Feedback Trigger",
				"trigger_name": name,
				"enabled": 1 if name in PLAN else 0,
				"description": PLAN.get(name) or NOT_IN_PLAN.get(name),
				"loop_revisit": 1 if name in LOOP_TRIGGERS else 0,
				"callback_type": kind,
				"event": event,
				"document_type": doctype or None,
				"status_value": status or None,
				"condition": condition or None,
				"delay": delay,
				"delay_unit": unit,
				"action": action,
				"survey_template": template or None,
				"period_days": period or None,
				"throttle_days": 30,
				"assign_to_role": "Feedback Agent" if action == "Phone Call" else None,
				"call_script": ONBOARDING_SCRIPT if action == "Phone Call" else None,
				"call_script_zh": ONBOARDING_SCRIPT_ZH if action == "Phone Call" else None,
			}
		).insert(ignore_permissions=True)
