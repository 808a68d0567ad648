"""Outside services the tests cannot reach, played on 127.0.0.1 by small HTTP servers that speak the
providers' documented contracts, started and stopped by the tests themselves.

- `SmsGateway`: a plain HTTP SMS gateway as Frappe's SMS Settings addresses one (a URL, a
  message and a receiver parameter, POSTed as a form); it answers what the test scripts — 200
  with a JSON body by default, or an error body, an HTTP error, or nothing at all (stopped).
- `WeChatApi`: the Official Account endpoints we use, as documented by WeChat:
  GET  /cgi-bin/token?grant_type=client_credential&appid=…&secret=…
       → {"access_token": "…", "expires_in": 7200} | {"errcode": 40013, "errmsg": "invalid appid"}
  POST /cgi-bin/message/custom/send?access_token=…   {"touser", "msgtype": "text", "text"}
  POST /cgi-bin/message/template/send?access_token=… {"touser", "template_id", "data", "url"}
       → {"errcode": 0, "errmsg": "ok"[, "msgid": …]} | {"errcode": 42001, …} | …
  A token it has declared expired is refused with 42001, as WeChat refuses one.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


class LoopbackServer:
	def __init__(self):
		self.requests: list[dict] = []
		server = self

		class Handler(BaseHTTPRequestHandler):
			def do_GET(self):
				server._handle(self, "GET")

			def do_POST(self):
				server._handle(self, "POST")

			def log_message(self, *_args):
				pass

		self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

	@property
	def url(self) -> str:
		host, port = self.httpd.server_address
		return f"http://{host}:{port}"

	def __enter__(self):
		self.thread.start()
		return self

	def __exit__(self, *_exc):
		self.stop()

	def stop(self) -> None:
		"""Stopped: the port refuses connections, as a gateway that is down."""
		if self.thread.is_alive():
			self.httpd.shutdown()
		self.httpd.server_close()

	def _handle(self, handler, method: str) -> None:
		parsed = urlparse(handler.path)
		length = int(handler.headers.get("Content-Length") or 0)
		raw = handler.rfile.read(length).decode("utf-8") if length else ""
		request = {
			"method": method,
			"path": parsed.path,
			"query": {k: v[0] for k, v in parse_qs(parsed.query).items()},
			"form": {k: v[0] for k, v in parse_qs(raw).items()}
			if "form" in (handler.headers.get("Content-Type") or "")
			else {},
			"json": _json(raw),
		}
		self.requests.append(request)
		status, body = self.answer(request)
		payload = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
		handler.send_response(status)
		handler.send_header("Content-Type", "application/json; charset=utf-8")
		handler.end_headers()
		handler.wfile.write(payload.encode("utf-8"))

	def answer(self, request: dict) -> tuple[int, dict | str]:
		raise NotImplementedError


class SmsGateway(LoopbackServer):
	"""Answers each request with the next scripted (status, body), then with the default."""

	def __init__(self, *script: tuple[int, dict | str]):
		super().__init__()
		self.script = list(script)

	def answer(self, request):
		if self.script:
			return self.script.pop(0)
		return 200, {"code": 0, "msg": "OK", "message_id": f"sms-{len(self.requests)}"}

	def texts(self) -> list[str]:
		return [r["form"].get("text") for r in self.requests]


class WeChatApi(LoopbackServer):
	"""The token endpoint and the two message endpoints; `errors` scripts message answers by
	errcode (popped in order, 0 afterwards)."""

	APP_ID = "wx-test-app"
	APP_SECRET = "wx-test-secret"

	def __init__(self, *errors: int):
		super().__init__()
		self.errors = list(errors)
		self.tokens_issued = 0
		self.valid_tokens: set[str] = set()

	def expire_tokens(self) -> None:
		self.valid_tokens.clear()

	def sent(self, endpoint: str) -> list[dict]:
		return [r["json"] for r in self.requests if r["path"].endswith(endpoint)]

	def answer(self, request):
		if request["path"] == "/cgi-bin/token":
			query = request["query"]
			if query.get("appid") != self.APP_ID:
				return 200, {"errcode": 40013, "errmsg": "invalid appid"}
			if query.get("secret") != self.APP_SECRET:
				return 200, {"errcode": 40125, "errmsg": "invalid appsecret"}
			self.tokens_issued += 1
			token = f"token-{self.tokens_issued}"
			self.valid_tokens.add(token)
			return 200, {"access_token": token, "expires_in": 7200}
		if request["path"] in ("/cgi-bin/message/custom/send", "/cgi-bin/message/template/send"):
			if request["query"].get("access_token") not in self.valid_tokens:
				return 200, {"errcode": 42001, "errmsg": "access_token expired"}
			code = self.errors.pop(0) if self.errors else 0
			if code:
				return 200, {"errcode": code, "errmsg": f"error {code}"}
			return 200, {"errcode": 0, "errmsg": "ok", "msgid": 200228332 + len(self.requests)}
		return 404, {"errcode": 404, "errmsg": "not found"}


def _json(raw: str):
	try:
		return json.loads(raw) if raw else None
	except ValueError:
		return None
