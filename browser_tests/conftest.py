"""The browser suite: the app's main journeys in Chromium, in English and in Chinese.

Run it with `scripts/browser-tests` (it starts Frappe's development server for the site, makes
the fixtures with feedback_loop/tests/browser_fixtures.py, runs pytest here and removes them
again); one journey: `scripts/browser-tests -k survey`. `.ci/run` runs it as its step 5.

    conftest.py                     this map; the browser, logins, the error watch, screenshots
    desk.py                         helpers for desk pages: forms, menus, workflow actions, grids
    test_agent_feedback.py          1. an agent records feedback from a Customer page
    test_survey.py                  2. a customer answers a survey link on a phone (and a desktop)
    test_root_cause_analysis.py     3. an analyst's 5 Whys and fishbone, validated by a manager, printed
    test_improvement_plan.py        4. a manager runs an Improvement Plan to Completed
    test_sla_policy.py              5. an administrator changes an SLA policy's target
    test_reports_and_workspace.py   6. every report of the app and the workspace open with data or empty
    test_portal.py                  7. a portal customer sends feedback and cannot open another's
    test_paper_forms.py             8. an agent types in a stack of returned paper questionnaires
    test_campaign.py                9. a manager starts a collection campaign and sees its results

Every journey runs once per language (`lang`: en, zh — the Chinese run logs in as a user whose
language is zh), customer journeys also on a 390×844 phone (`viewport`). A test fails on any
error thrown in the page, any console error and any 5xx answer of the site, except the development
server's missing socket.io (it serves no websocket) and the few errors of Frappe's own libraries
listed in KNOWN_UPSTREAM, which the run reports at its end; `watch.allow(...)` lets a test expect
a 404.

Environment (set by scripts/browser-tests):
    FEEDBACK_LOOP_BROWSER_URL        http://<site>:<port> of the running development server
    FEEDBACK_LOOP_BROWSER_FIXTURES   the JSON file browser_fixtures.set_up returned
    FEEDBACK_LOOP_CHROMIUM           the browser (default /usr/bin/chromium; never downloaded)
    FEEDBACK_LOOP_SCREENSHOTS        a folder: a screenshot of each journey's key screen
"""

import json
import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

LANGUAGES = ("en", "zh")
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
LOCALES = {"en": "en-US", "zh": "zh-CN"}
#: The development server has no socket.io: the desk's attempts to connect are expected.
EXPECTED_NOISE = re.compile(r"socket\.io|websocket", re.IGNORECASE)
#: Errors of Frappe's own libraries, known upstream and not the app's: (message, where in the
#: stack, what it is). They fail no test; the run lists each one seen at its end.
KNOWN_UPSTREAM = [
	(
		"Failed to execute 'removeChild' on 'Node'",
		"ResizeObserver.boundDrawFn",
		"Frappe Charts redraws a Pie or Donut chart when its box changes width (here when the "
		"workspace grows a scrollbar) and throws (frappe/charts#368)",
	),
]
#: (test, what) of every known upstream error seen in this run.
known_upstream_seen: list[tuple[str, str]] = []
TIMEOUT_MS = 30_000
NAVIGATION_TIMEOUT_MS = 90_000


def pytest_configure(config):
	config.addinivalue_line("markers", "viewports(*names): the viewports a journey runs in")


@pytest.fixture(scope="session")
def base_url() -> str:
	url = os.environ.get("FEEDBACK_LOOP_BROWSER_URL")
	if not url:
		pytest.exit("FEEDBACK_LOOP_BROWSER_URL is not set: run the suite with scripts/browser-tests", 2)
	return url.rstrip("/")


@pytest.fixture(scope="session")
def data() -> dict:
	"""What browser_fixtures.set_up made: users, customers, survey links, plans, policies."""
	path = os.environ.get("FEEDBACK_LOOP_BROWSER_FIXTURES")
	if not path or not Path(path).is_file():
		pytest.exit(
			"FEEDBACK_LOOP_BROWSER_FIXTURES is not a file: run the suite with scripts/browser-tests", 2
		)
	return json.loads(Path(path).read_text())


@pytest.fixture(scope="session")
def browser(base_url: str):
	executable = os.environ.get("FEEDBACK_LOOP_CHROMIUM", "/usr/bin/chromium")
	host = urlparse(base_url).hostname
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(
			executable_path=executable,
			# The site's name is this machine (the development server), whatever the resolver says:
			# Frappe picks the site by the name the browser asks for.
			args=[f"--host-resolver-rules=MAP {host} 127.0.0.1", "--disable-dev-shm-usage"],
		)
		yield browser
		browser.close()


@pytest.fixture(scope="session")
def sessions(browser: Browser, base_url: str, data: dict):
	"""A logged-in state per user, made once: Frappe keeps only a few sessions per user."""
	states: dict[str, dict] = {}

	def state_of(user: str) -> dict:
		if user not in states:
			context = browser.new_context()
			page = context.new_page()
			page.goto(f"{base_url}/api/method/ping", timeout=NAVIGATION_TIMEOUT_MS)
			status = page.evaluate(
				"""async ([usr, pwd]) => (await fetch("/api/method/login", {
					method: "POST",
					headers: {"Content-Type": "application/json", "Accept": "application/json"},
					body: JSON.stringify({usr, pwd}),
				})).status""",
				[user, data["password"]],
			)
			assert status == 200, f"login of {user} answered {status}"
			states[user] = context.storage_state()
			context.close()
		return states[user]

	return state_of


@pytest.fixture(scope="session", autouse=True)
def warm_up(browser: Browser, base_url: str, data: dict, sessions):
	"""The development server answers its first desk and portal pages slowly: load them once."""
	context = browser.new_context(storage_state=sessions(data["users"]["manager"]["en"]))
	page = context.new_page()
	page.goto(f"{base_url}/app/feedback-loop", timeout=180_000)
	page.wait_for_function("() => window.frappe && frappe.boot && window.cur_page", timeout=180_000)
	page.goto(f"{base_url}/login", timeout=180_000)
	context.close()


@pytest.fixture(params=LANGUAGES)
def lang(request) -> str:
	return request.param


def pytest_generate_tests(metafunc):
	if "viewport" in metafunc.fixturenames:
		marker = metafunc.definition.get_closest_marker("viewports")
		names = marker.args if marker else ("desktop",)
		metafunc.parametrize("viewport", names)


class Watch:
	"""What went wrong in a page: errors thrown, console errors, 5xx answers of the site."""

	def __init__(self, base_url: str, test: str = ""):
		self.base_url = base_url
		self.test = test
		self.problems: list[str] = []
		self.allowed: list[str] = []

	def allow(self, url_part: str) -> None:
		"""A console error about this address is expected (a test that asks for a 404)."""
		self.allowed.append(url_part)

	def attach(self, page: Page) -> None:
		page.on("pageerror", self.on_page_error)
		page.on("console", self.on_console)
		page.on("response", self.on_response)

	def on_page_error(self, error) -> None:
		text = f"{error}"
		stack = getattr(error, "stack", "") or ""
		if EXPECTED_NOISE.search(text):
			return
		for message, where, what in KNOWN_UPSTREAM:
			if message in text and where in stack:
				known_upstream_seen.append((self.test, what))
				return
		self.problems.append(f"page error: {text}\n{stack}".strip())

	def on_console(self, message) -> None:
		if message.type != "error":
			return
		url = (message.location or {}).get("url") or ""
		if EXPECTED_NOISE.search(message.text) or EXPECTED_NOISE.search(url):
			return
		# The browser asks every page's origin for /favicon.ico; the desk declares its own icon.
		if url.endswith("/favicon.ico") or any(part in url for part in self.allowed):
			return
		self.problems.append(f"console error: {message.text} ({url})")

	def on_response(self, response) -> None:
		# Whatever the development server answers for the socket.io it does not serve is not the
		# app's answer: its not-found page, once on Frappe 16 a 500 with no trace in its log.
		if EXPECTED_NOISE.search(response.url):
			return
		if response.status >= 500 and response.url.startswith(self.base_url):
			self.problems.append(f"HTTP {response.status}: {response.request.method} {response.url}")


@pytest.fixture
def watch(base_url: str, request) -> Watch:
	return Watch(base_url, request.node.name)


def pytest_terminal_summary(terminalreporter):
	if known_upstream_seen:
		terminalreporter.section("known upstream page errors (no test failed for them)")
		for what in sorted({what for _test, what in known_upstream_seen}):
			tests = sorted({test for test, seen in known_upstream_seen if seen == what})
			terminalreporter.write_line(f"{what}: {len(tests)} tests ({', '.join(tests)})")


@pytest.fixture
def open_page(browser: Browser, base_url: str, sessions, watch: Watch, request):
	"""open_page(user=None, viewport="desktop", lang="en") → a new page, logged in as `user`."""
	contexts: list[BrowserContext] = []

	def open_(user: str | None = None, viewport: str = "desktop", lang: str = "en") -> Page:
		context = browser.new_context(
			base_url=base_url,
			viewport=VIEWPORTS[viewport],
			locale=LOCALES[lang],
			is_mobile=viewport == "phone",
			has_touch=viewport == "phone",
			storage_state=sessions(user) if user else None,
		)
		context.set_default_timeout(TIMEOUT_MS)
		context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
		contexts.append(context)
		page = context.new_page()
		watch.attach(page)
		return page

	yield open_
	if getattr(request.node, "failed_call", False):
		# Never into the checkout: the screenshots' folder, or the system's temporary one.
		shots = os.environ.get("FEEDBACK_LOOP_SCREENSHOTS")
		folder = (
			Path(shots) / "failures"
			if shots
			else Path(tempfile.gettempdir()) / "feedback_loop-browser-failures"
		)
		folder.mkdir(parents=True, exist_ok=True)
		for number, context in enumerate(contexts):
			for page in context.pages:
				path = folder / f"{request.node.name}-{number}.png"
				try:
					page.screenshot(path=str(path), full_page=True)
					print(f"failure screenshot: {path} ({page.url})")
				except Exception as error:
					print(f"no failure screenshot of {page.url}: {error}")
	for context in contexts:
		context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
	"""A journey that reached its end still fails when its pages went wrong on the way."""
	result = yield
	watch = item.funcargs.get("watch")
	if watch and watch.problems:
		pytest.fail("the pages reported problems:\n" + "\n".join(watch.problems), pytrace=False)
	return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
	report = yield
	if call.when == "call" and report.failed:
		item.failed_call = True
		watch = item.funcargs.get("watch")
		if watch and watch.problems:
			report.sections.append(("page problems", "\n".join(watch.problems)))
	return report


@pytest.fixture(scope="session")
def screenshot():
	"""screenshot(page, name): saved as <name>.png when FEEDBACK_LOOP_SCREENSHOTS names a folder."""
	folder = os.environ.get("FEEDBACK_LOOP_SCREENSHOTS")

	def take(page: Page, name: str, full_page: bool = False) -> None:
		if not folder:
			return
		Path(folder).mkdir(parents=True, exist_ok=True)
		page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)

	return take
