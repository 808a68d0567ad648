"""Requests through Frappe's whole WSGI application (auth, CSRF, rate limits, error handling),
as a browser or an integration would send them. Each request runs in its own thread with its
own database connection, like a real server worker: the test's own transaction is committed
before (so the request sees the fixtures) and after (so the test sees what the request wrote),
and the test removes what it made."""

import threading

import frappe
from frappe.utils import get_test_client


class Client:
	def __init__(self, headers: dict | None = None):
		self.client = get_test_client()
		self.headers = headers or {}
		# The site is found from the Host, as behind a real web server.
		self.base_url = f"http://{frappe.local.site}/"

	def request(self, method: str, path: str, **kwargs):
		return self.concurrently(1, method, path, **kwargs)[0]

	def concurrently(self, count: int, method: str, path: str, **kwargs) -> list:
		"""The same request from `count` workers at once; the responses in the order they ended."""
		return self.at_once(method, path, [kwargs] * count)

	def at_once(self, method: str, path: str, requests: list[dict]) -> list:
		"""One request per keyword set, all sent at once by as many workers."""
		frappe.db.commit()
		responses, errors = [], []
		clients = [self.client] if len(requests) == 1 else [get_test_client() for _ in requests]

		def run(client, kwargs):
			kwargs = {**kwargs, "headers": {**self.headers, **kwargs.get("headers", {})}}
			kwargs.setdefault("base_url", self.base_url)
			try:
				responses.append(getattr(client, method)(path, **kwargs))
			except BaseException as error:  # surfaced in the test's own thread below
				errors.append(error)

		threads = [threading.Thread(target=run, args=pair) for pair in zip(clients, requests, strict=True)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		frappe.db.commit()
		if errors:
			raise errors[0]
		return responses

	def post(self, path: str, **kwargs):
		return self.request("post", path, **kwargs)

	def get(self, path: str, **kwargs):
		return self.request("get", path, **kwargs)

	def login(self, user: str, password: str):
		response = self.post("/api/method/login", data={"usr": user, "pwd": password})
		assert response.status_code == 200, response.text
		return response


def clear_rate_limits() -> None:
	frappe.cache.delete_keys("rl:")
