"""SMS through Frappe's SMS Settings, the gateway an ERPNext administrator already configures.

Sent with SMS Settings' own URL, parameters and headers, as its `send_sms` does; but the gateway's
answer is read here (many gateways answer 200 with an error in the body, which `send_sms` takes
for success) and a request that hangs is cut after a timeout. Every message sent is logged in
ERPNext's SMS Log, as `send_sms` logs it.
"""

from urllib.parse import urlparse

import frappe
import requests
from frappe.core.doctype.sms_settings.sms_settings import create_sms_log, get_headers, validate_receiver_nos

from feedback_loop.core.messages.channels import Channel, Outcome, Result
from feedback_loop.core.messages.sms import fit_sms, gateway_outcome
from feedback_loop.services.feedback_settings import get_feedback_settings
from feedback_loop.services.messages.conversation import sent_communication
from feedback_loop.services.messages.default_texts import SMS_OPT_OUT

TIMEOUT_SECONDS = 10


def send(message) -> Outcome:
	settings = get_feedback_settings()
	language = message.language if message.language in SMS_OPT_OUT else "en"
	fitted = fit_sms(
		message.sms_text or "",
		opt_out=settings.get(f"sms_opt_out_{language}") or SMS_OPT_OUT[language],
		max_segments=settings.get("sms_max_segments") or 3,
		separate_parts=bool(settings.get("sms_separate_parts")),
	)
	number = validate_receiver_nos([message.mobile_no])[0]
	gateway = frappe.get_single("SMS Settings")
	provider_id = None
	for part in fitted.parts:
		status, body = post(gateway, number, part)
		outcome = gateway_outcome(status, body, success_marker=settings.get("sms_success_marker"))
		if outcome.result is not Result.SENT:
			return outcome
		provider_id = provider_id or outcome.provider_id
	text = "\n".join(fitted.parts)
	# What the customer got, opt-out and shortening included.
	message.sms_text = text
	_log(text, number)
	message.communication = sent_communication(message, Channel.SMS, content=text, delivery_status="Sent")
	note = frappe._("{0} segment(s)").format(fitted.segments)
	if fitted.shortened:
		note += ", " + frappe._("shortened to fit")
	return Outcome(Result.SENT, note, provider_id=provider_id)


def post(gateway, number: str, text: str) -> tuple[int | None, str]:
	"""One request to the gateway, built as SMS Settings' send_via_gateway builds it."""
	headers = get_headers(gateway)
	params = {gateway.message_parameter: text, gateway.receiver_parameter: number}
	params.update({row.parameter: row.value for row in gateway.get("parameters") if not row.header})
	kwargs = {"headers": headers, "timeout": TIMEOUT_SECONDS}
	if headers.get("Content-Type") == "application/json":
		kwargs["json"] = params
	elif gateway.use_post:
		kwargs["data"] = params
	else:
		kwargs["params"] = params
	try:
		response = requests.request("POST" if gateway.use_post else "GET", gateway.sms_gateway_url, **kwargs)
	except requests.Timeout:
		return None, f"no answer within {TIMEOUT_SECONDS} s from {_host(gateway)}"
	except requests.ConnectionError:
		return None, f"could not connect to {_host(gateway)}"
	except requests.RequestException as error:
		return None, str(error)[:200]
	return response.status_code, response.text


def _host(gateway) -> str:
	return urlparse(gateway.sms_gateway_url).netloc or gateway.sms_gateway_url


def _log(text: str, number: str) -> None:
	# ERPNext's SMS Log, as send_sms writes it; a site without ERPNext has none.
	if frappe.db.exists("DocType", "SMS Log"):
		create_sms_log({"message": text.encode("utf-8"), "receiver_list": [number]}, [number])
