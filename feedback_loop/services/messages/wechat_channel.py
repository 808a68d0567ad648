"""WeChat Official Account messages to a follower (the openid a message came from).

Within 48 hours of the follower's last message a customer-service text goes; otherwise the
source's template message, if it has one. The access token is fetched once per source and kept
in the cache until shortly before it expires; when WeChat says it expired (40001, 42001) it is
fetched again once and the message sent again.
"""

import frappe
import requests
from frappe.utils import format_datetime, now_datetime
from frappe.utils.password import get_decrypted_password

from feedback_loop.core.messages.channels import Channel, Outcome, Result
from feedback_loop.core.messages.wechat import (
	Answer,
	read_answer,
	template_message,
	text_message,
	token_valid_until,
	within_service_window,
)
from feedback_loop.services.messages.conversation import sent_communication
from feedback_loop.services.messages.reach import last_heard

DEFAULT_BASE_URL = "https://api.weixin.qq.com"
TIMEOUT_SECONDS = 10
_TOKEN_KEY = "feedback_loop:wechat_token:{}"


def send(message) -> Outcome:
	source = frappe.get_doc("Feedback Messaging Source", message.wechat_source)
	heard = last_heard(message.wechat_source, message.wechat_openid)
	if within_service_window(heard, now_datetime()):
		answer = _call(
			source, "cgi-bin/message/custom/send", text_message(message.wechat_openid, message.text)
		)
		if not answer.outside_window:
			return _finish(message, answer)
	if not source.template_id:
		return Outcome(
			Result.NEXT,
			frappe._(
				"WeChat: more than 48 hours since the customer last wrote, and the source has no template message"
			),
		)
	payload = template_message(
		message.wechat_openid,
		source.template_id,
		title=message.subject or frappe._(message.message_kind),
		number=message.feedback_record or message.reference_name or "",
		when=format_datetime(now_datetime(), "yyyy-MM-dd HH:mm"),
		text=message.text,
		url=message.link,
	)
	return _finish(message, _call(source, "cgi-bin/message/template/send", payload))


def _finish(message, answer: Answer) -> Outcome:
	if answer.outcome.result is Result.SENT:
		message.communication = sent_communication(
			message, Channel.WECHAT, content=message.text, delivery_status="Sent"
		)
	return answer.outcome


def _call(source, path: str, payload: dict) -> Answer:
	"""POST to WeChat with the source's token; a token WeChat calls expired is fetched again once."""
	for fresh in (False, True):
		token = access_token(source, fresh=fresh)
		if isinstance(token, Answer):
			return token
		status, data = _request("POST", source, path, params={"access_token": token}, json=payload)
		answer = read_answer(data, status)
		if not answer.token_expired:
			return answer
	return answer


def access_token(source, fresh: bool = False) -> str | Answer:
	"""The source's token from the cache, or a new one from WeChat; an Answer when WeChat refuses."""
	key = _TOKEN_KEY.format(source.name)
	if not fresh:
		# expires=True: a key that expires must not be remembered (as missing) for the request.
		cached = frappe.cache.get_value(key, expires=True)
		if cached:
			return cached
	secret = get_decrypted_password(source.doctype, source.name, "app_secret", raise_exception=False)
	status, data = _request(
		"GET",
		source,
		"cgi-bin/token",
		params={"grant_type": "client_credential", "appid": source.app_id, "secret": secret or ""},
	)
	if not (data and data.get("access_token")):
		return read_answer(data or None, status)
	fetched = now_datetime()
	seconds = (token_valid_until(fetched, data.get("expires_in")) - fetched).total_seconds()
	frappe.cache.set_value(key, data["access_token"], expires_in_sec=int(seconds))
	return data["access_token"]


def forget_token(source: str) -> None:
	"""New credentials make the kept token useless (the source's controller calls this)."""
	frappe.cache.delete_value(_TOKEN_KEY.format(source))


def _request(method: str, source, path: str, **kwargs) -> tuple[int | None, dict | None]:
	base = (source.api_base_url or DEFAULT_BASE_URL).rstrip("/")
	try:
		response = requests.request(method, f"{base}/{path}", timeout=TIMEOUT_SECONDS, **kwargs)
	except requests.RequestException:
		return None, None
	try:
		data = response.json()
	except ValueError:
		data = None
	return response.status_code, data if isinstance(data, dict) else None
