"""The acknowledgement e-mail as shipped; Feedback Settings start from these and fall back to them."""

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
