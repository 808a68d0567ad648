"""Every text we send a customer, as shipped, in Chinese and English: acknowledgement, plan notices,
the messaging reply, the privacy notice. Feedback Settings start from these and fall back to them."""

ACKNOWLEDGEMENT = {
	"en": {
		"subject": "We received your feedback {{ number }}",
		"message": """<p>Dear {{ customer_name }},</p>
<p>Thank you for your feedback. We have recorded it under the number <b>{{ number }}</b>:</p>
<blockquote>{{ subject }}</blockquote>
<p>{% if reply_by %}We will reply by {{ reply_by }}.{% else %}We will reply within {{ reply_days }} working days.{% endif %} Please quote {{ number }} whenever you contact us about it.</p>""",
	},
	"zh": {
		"subject": "我们已收到您的反馈 {{ number }}",
		"message": """<p>尊敬的{{ customer_name }}：</p>
<p>感谢您的反馈，我们已经登记，反馈编号为 <b>{{ number }}</b>：</p>
<blockquote>{{ subject }}</blockquote>
<p>{% if reply_by %}我们将于 {{ reply_by }} 前回复您。{% else %}我们将在 {{ reply_days }} 个工作日内回复您。{% endif %}如需就此联系我们，请提供反馈编号 {{ number }}。</p>""",
	},
}

#: Greeting name when we know no name at all.
ANONYMOUS_NAME = {"en": "customer", "zh": "客户"}

#: Told to the customers of every feedback a plan answers: when it is approved, and when it is done.
PLAN_APPROVED = {
	"en": {
		"subject": "We are working on your feedback {{ numbers }}",
		"message": """<p>Dear {{ customer_name }},</p>
<p>Thank you again for your feedback {{ numbers }}. We have looked into its cause and approved a plan
to fix it: <b>{{ title }}</b>.</p>
<p>{% if expected_on %}We expect it to be done by {{ expected_on }}. {% endif %}We will write to you again when it is done.</p>""",
	},
	"zh": {
		"subject": "我们正在处理您的反馈 {{ numbers }}",
		"message": """<p>尊敬的{{ customer_name }}：</p>
<p>再次感谢您的反馈 {{ numbers }}。我们已查明原因，并批准了改进计划：<b>{{ title }}</b>。</p>
<p>{% if expected_on %}预计将于 {{ expected_on }} 前完成。{% endif %}完成后我们会再次通知您。</p>""",
	},
}
PLAN_COMPLETED = {
	"en": {
		"subject": "Your feedback {{ numbers }} has been acted on",
		"message": """<p>Dear {{ customer_name }},</p>
<p>The improvement we planned after your feedback {{ numbers }} is done: <b>{{ title }}</b>.</p>
<p>Thank you for helping us improve. If the problem comes back, simply reply to this e-mail.</p>""",
	},
	"zh": {
		"subject": "您的反馈 {{ numbers }} 已完成改进",
		"message": """<p>尊敬的{{ customer_name }}：</p>
<p>根据您的反馈 {{ numbers }} 制定的改进已经完成：<b>{{ title }}</b>。</p>
<p>感谢您帮助我们改进。如果问题再次出现，请直接回复此邮件。</p>""",
	},
}

#: Told when a record is resolved, with the one-tap "solved?" link; {{ summary }} is plain text.
RESOLUTION_NOTICE = {
	"en": {
		"subject": "Your feedback {{ number }} has been resolved",
		"message": """<p>Dear {{ customer_name | e }},</p>
<p>Your feedback <b>{{ number }}</b> has been resolved:</p>
<blockquote>{{ summary | e }}</blockquote>
<p>Is your problem solved? One tap tells us: <a href="{{ link }}">{{ link }}</a></p>
<p>If it is not, we are on it again at once.</p>""",
	},
	"zh": {
		"subject": "您的反馈 {{ number }} 已处理完毕",
		"message": """<p>尊敬的{{ customer_name | e }}：</p>
<p>您的反馈 <b>{{ number }}</b> 已处理完毕：</p>
<blockquote>{{ summary | e }}</blockquote>
<p>问题解决了吗？请点击告诉我们：<a href="{{ link }}">{{ link }}</a></p>
<p>如果问题仍未解决，我们会立即继续跟进。</p>""",
	},
}

#: The answer a messaging gateway relays to the sender; {number} is the feedback number.
MESSAGING_REPLY = {
	"en": "Thank you, we have received your feedback. Your feedback number is {number}.",
	"zh": "感谢您的反馈，我们已收到。您的反馈编号是 {number}。",
}

#: Shown beside every outside form and recorded (by version) with the consent it asks for.
PRIVACY_NOTICE = {
	"en": "We use your feedback and contact details only to handle this feedback, reply to you and "
	"improve our service. You can withdraw your consent at any time.",
	"zh": "我们仅将您的反馈和联系方式用于处理本次反馈、回复您以及改进服务。您可随时撤回同意。",
}
DEFAULT_PRIVACY_NOTICE_VERSION = "2026-11"

#: The SMS and WeChat texts of every message, and the e-mail ones not above: (message, channel) →
#: language → (subject, text). Jinja, as Feedback Message Templates hold them; a WeChat subject is
#: the title of a template message. SMS texts stay short: a Chinese SMS holds 70 characters.
SHORT_TEXTS = {
	("Acknowledgement", "SMS"): {
		"zh": (
			"",
			"您的反馈{{ number }}已收到，{% if reply_by %}我们将于{{ reply_by }}前回复。{% else %}"
			"我们将在{{ reply_days }}个工作日内回复。{% endif %}",
		),
		"en": (
			"",
			"We received your feedback {{ number }} and will reply {% if reply_by %}by {{ reply_by }}"
			"{% else %}within {{ reply_days }} working days{% endif %}.",
		),
	},
	("Acknowledgement", "WeChat"): {
		"zh": (
			"反馈已受理",
			"{{ customer_name }}您好，感谢您的反馈，反馈编号为{{ number }}。{% if reply_by %}我们将于"
			"{{ reply_by }}前回复您。{% else %}我们将在{{ reply_days }}个工作日内回复您。{% endif %}",
		),
		"en": (
			"Feedback received",
			"Dear {{ customer_name }}, thank you for your feedback, number {{ number }}. We will reply "
			"{% if reply_by %}by {{ reply_by }}{% else %}within {{ reply_days }} working days{% endif %}.",
		),
	},
	("Resolution Notice", "SMS"): {
		"zh": ("", "您的反馈{{ number }}已处理：{{ summary }} 问题解决了吗？请点此告诉我们：{{ link }}"),
		"en": ("", "Your feedback {{ number }} is resolved: {{ summary }} Solved? Tell us: {{ link }}"),
	},
	("Resolution Notice", "WeChat"): {
		"zh": (
			"反馈已处理完毕",
			"{{ customer_name }}您好，您的反馈{{ number }}已处理完毕：{{ summary }} 问题解决了吗？请点击链接告诉我们：{{ link }}",
		),
		"en": (
			"Feedback resolved",
			"Dear {{ customer_name }}, your feedback {{ number }} has been resolved: {{ summary }} "
			"Is your problem solved? Tell us: {{ link }}",
		),
	},
	("Survey", "SMS"): {
		# A verification names the feedback it verifies (`number`); other revisits ask in general.
		"zh": (
			"",
			"{{ customer_name }}您好，{% if number %}您的反馈{{ number }}的问题解决了吗？请花一分钟告诉我们"
			"{% else %}请花一分钟评价我们的服务{% endif %}：{{ link }}",
		),
		"en": (
			"",
			"{% if number %}Is the problem of your feedback {{ number }} solved? One minute: "
			"{% else %}How did we do? One minute: {% endif %}{{ link }}",
		),
	},
	("Survey", "WeChat"): {
		"zh": ("邀请您评价", "{{ customer_name }}您好，{{ intro }}请点击链接回答（约一分钟）：{{ link }}"),
		"en": ("How did we do?", "Dear {{ customer_name }}, {{ intro }} One minute: {{ link }}"),
	},
	("Survey Reminder", "SMS"): {
		"zh": ("", "提醒：请花一分钟评价我们的服务：{{ link }}"),
		"en": ("", "Reminder: how did we do? One minute: {{ link }}"),
	},
	("Survey Reminder", "WeChat"): {
		"zh": ("评价提醒", "{{ customer_name }}您好，诚邀您花一分钟评价我们的服务：{{ link }}"),
		"en": ("Reminder", "Dear {{ customer_name }}, how did we do? One minute: {{ link }}"),
	},
	("Plan Approved", "SMS"): {
		"zh": (
			"",
			"您的反馈{{ numbers }}：我们已批准改进计划“{{ title }}”{% if expected_on %}，预计{{ expected_on }}前完成{% endif %}。",
		),
		"en": (
			"",
			'Your feedback {{ numbers }}: we approved the plan "{{ title }}"'
			"{% if expected_on %}, expected by {{ expected_on }}{% endif %}.",
		),
	},
	("Plan Approved", "WeChat"): {
		"zh": (
			"改进计划已批准",
			"{{ customer_name }}您好，针对您的反馈{{ numbers }}，我们已批准改进计划“{{ title }}”{% if expected_on %}，预计{{ expected_on }}前完成{% endif %}。完成后我们会再次通知您。",
		),
		"en": (
			"Improvement approved",
			'Dear {{ customer_name }}, for your feedback {{ numbers }} we approved the plan "{{ title }}"'
			"{% if expected_on %}, expected by {{ expected_on }}{% endif %}. We will tell you when it is done.",
		),
	},
	("Plan Completed", "SMS"): {
		"zh": ("", "您的反馈{{ numbers }}对应的改进“{{ title }}”已完成，感谢您帮助我们改进。"),
		"en": ("", 'The improvement after your feedback {{ numbers }} is done: "{{ title }}". Thank you.'),
	},
	("Plan Completed", "WeChat"): {
		"zh": (
			"改进已完成",
			"{{ customer_name }}您好，根据您的反馈{{ numbers }}制定的改进“{{ title }}”已经完成，感谢您帮助我们改进。",
		),
		"en": (
			"Improvement done",
			'Dear {{ customer_name }}, the improvement we planned after your feedback {{ numbers }} is done: "{{ title }}". Thank you.',
		),
	},
}

#: The opt-out an SMS gateway requires at the end of every text.
SMS_OPT_OUT = {"zh": "回复TD退订", "en": "Reply STOP to opt out"}
