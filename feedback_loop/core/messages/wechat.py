"""WeChat Official Account messages: what the API's answers mean, and what to send.

An Official Account may write to a follower freely for 48 hours after the follower last wrote
to it (customer-service message, plain text); after that only through a template message
configured in the account's back office. Every call carries an access token that lives 7,200
seconds; it is fetched once and reused, and fetched again once when the API says it expired.
Error codes: https://developers.weixin.qq.com/doc/offiaccount/Getting_Started/Global_Return_Code.html
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from feedback_loop.core.messages.channels import Outcome, Result

#: Customer-service messages are allowed this long after the follower's last message.
SERVICE_WINDOW = timedelta(hours=48)
#: A token is reused until this long before WeChat's own expiry, so none expires mid-call.
TOKEN_MARGIN_SECONDS = 300


class Problem(str, Enum):
	TOKEN = "token"
	PASSING = "passing"
	RECIPIENT = "recipient"
	WINDOW = "window"
	CONFIGURATION = "configuration"


#: errcode → (problem, what it means for an agent)
ERRORS: dict[int, tuple[Problem, str]] = {
	40001: (Problem.TOKEN, "access token invalid"),
	40014: (Problem.TOKEN, "access token invalid"),
	42001: (Problem.TOKEN, "access token expired"),
	42007: (Problem.TOKEN, "access token revoked"),
	-1: (Problem.PASSING, "WeChat is busy"),
	45009: (Problem.PASSING, "the account's daily API quota is used up"),
	45011: (Problem.PASSING, "API calls too frequent"),
	40003: (Problem.RECIPIENT, "unknown WeChat user (openid) for this account"),
	43004: (Problem.RECIPIENT, "the user does not follow the account"),
	43101: (Problem.RECIPIENT, "the user refused messages from the account"),
	45047: (Problem.RECIPIENT, "too many messages without an answer from the user"),
	45015: (Problem.WINDOW, "more than 48 hours since the user last wrote"),
	40013: (Problem.CONFIGURATION, "wrong AppID"),
	40125: (Problem.CONFIGURATION, "wrong AppSecret"),
	40164: (Problem.CONFIGURATION, "this server's IP address is not on the account's whitelist"),
	40037: (Problem.CONFIGURATION, "unknown template id"),
	41001: (Problem.CONFIGURATION, "no access token sent"),
	48001: (Problem.CONFIGURATION, "the account may not use this API"),
}


@dataclass(frozen=True)
class Answer:
	"""One API answer, read: SENT, a token to fetch again, or an outcome for the message."""

	problem: Problem | None
	outcome: Outcome

	@property
	def token_expired(self) -> bool:
		return self.problem is Problem.TOKEN

	@property
	def outside_window(self) -> bool:
		return self.problem is Problem.WINDOW


def read_answer(data: dict | None, http_status: int | None = 200) -> Answer:
	"""Guarantees: errcode 0 (or none) with HTTP 200 is SENT, carrying msgid; token errors ask for
	one refresh; a busy WeChat, an exhausted quota, no answer or a 5xx are passing (RETRY);
	a user WeChat cannot reach and wrong credentials move the message to the next channel (NEXT);
	an unknown code is passed on as NEXT with its number and WeChat's own message."""
	if http_status is None or http_status >= 500 or data is None:
		return Answer(Problem.PASSING, Outcome(Result.RETRY, f"WeChat did not answer (HTTP {http_status})"))
	code = int(data.get("errcode") or 0)
	message = str(data.get("errmsg") or "")
	if code == 0 and http_status == 200:
		msgid = data.get("msgid")
		return Answer(None, Outcome(Result.SENT, "ok", provider_id=str(msgid) if msgid else None))
	problem, meaning = ERRORS.get(code, (Problem.CONFIGURATION, "WeChat refused the message"))
	reason = f"WeChat {code}: {meaning} ({message})" if message else f"WeChat {code}: {meaning}"
	result = Result.RETRY if problem in (Problem.PASSING, Problem.TOKEN) else Result.NEXT
	return Answer(problem, Outcome(result, reason))


def token_valid_until(fetched_at: datetime, expires_in: int | None) -> datetime:
	"""When a token fetched at `fetched_at` stops being reused (7,200 s when WeChat says nothing)."""
	seconds = max(int(expires_in or 7200) - TOKEN_MARGIN_SECONDS, 60)
	return fetched_at + timedelta(seconds=seconds)


def within_service_window(last_heard: datetime | None, now: datetime) -> bool:
	"""Whether a customer-service (free text) message may be sent: the user wrote in the last 48 h."""
	return last_heard is not None and now - last_heard < SERVICE_WINDOW


def text_message(openid: str, text: str) -> dict:
	"""A customer-service text message (POST cgi-bin/message/custom/send)."""
	return {"touser": openid, "msgtype": "text", "text": {"content": text}}


def template_message(
	openid: str, template_id: str, *, title: str, number: str, when: str, text: str, url: str | None = None
) -> dict:
	"""A template message (POST cgi-bin/message/template/send) for the usual service-progress
	template: first (title), keyword1 (the feedback number), keyword2 (when), remark (the text)."""
	payload = {
		"touser": openid,
		"template_id": template_id,
		"data": {
			"first": {"value": title},
			"keyword1": {"value": number},
			"keyword2": {"value": when},
			"remark": {"value": text},
		},
	}
	if url:
		payload["url"] = url
	return payload
