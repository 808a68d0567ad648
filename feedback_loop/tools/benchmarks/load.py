"""Load test: many survey answers and API feedback at once against a running bench, and as many
ERPNext Issues created through Frappe's REST API in the same run as the comparison.

    bench --site test.localhost execute feedback_loop.tools.benchmarks.load.run \
        --kwargs "{'url': 'http://127.0.0.1:8000', 'answers': 500, 'feedback': 500, 'concurrency': 50}"

Only 127.0.0.1 / localhost are accepted, and the run is bounded (count and a time limit). It
sets up what it needs (an integration user with an API key, a customer, one sent survey per
answer), raises the app's own rate limits for the run and puts them back afterwards, fires
every request from `concurrency` threads — in `rounds`, each a share of every kind of request, so
that the machine's drift weighs on every side alike — and then checks the database: zero lost (every
accepted request stored), zero duplicated (each external id and each survey stored once, also
for the requests it deliberately sends twice), error rate. The API's feedback is triaged, and the
feedback a low score raises is raised, after the requests' commits by the worker's jobs: the run
does each itself right after its requests, timed, and prints the rate with that work counted too.
Everything it created is deleted. Prints figures; asserts nothing.

By default every feedback and every Issue is one customer's, repeating one problem: the worst
case for the duplicate look-up and the priority rules' counts, which read that customer's and that
category's earlier feedback. `'customers': 100` spreads them over a hundred customers writing
about five problems, as on a live site.
"""

import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

import frappe
import requests
from frappe.cache_manager import clear_doctype_map

from feedback_loop.services.callbacks.follow_up import raise_waiting_follow_ups
from feedback_loop.services.callbacks.links import token_for
from feedback_loop.services.triage.arrival import triage_waiting_records
from feedback_loop.tests.factories import make_api_user, make_contact, make_customer, make_sent_survey

MARKER = "load-test-"
WARM_UP = "load-warm-up-"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
#: Post-order CSAT: a low score with a reason, so each answer also creates a Feedback Record.
ANSWERS = {"q1": "2", "q2": "Delivery", "q4": "送货太慢，包装破损"}
RATE_LIMITS = {"api_requests_per_minute": 1_000_000, "survey_answers_per_hour": 1_000_000}
RATE_LIMITED_METHODS = ("feedback_loop.api.intake.submit_feedback", "feedback_loop.api.survey.submit_survey")


def run(
	url: str = "http://127.0.0.1:8000",
	answers: int = 500,
	feedback: int = 500,
	concurrency: int = 50,
	time_limit: int = 600,
	repeat_share: float = 0.1,
	routing: bool = True,
	customers: int = 1,
	rounds: int = 5,
) -> dict:
	if urlparse(url).hostname not in LOCAL_HOSTS:
		raise SystemExit("The load test only runs against 127.0.0.1 or localhost.")
	site_host = frappe.local.site
	fixtures = _set_up(answers, customers)
	parties = fixtures["customers"]
	previous_limits = _raise_rate_limits()
	switched_off = [] if routing else routing_off()
	try:
		api_jobs = [(f"{MARKER}{i}", i) for i in range(feedback)]
		# Some requests are sent twice at once: the second must return the first's record.
		api_jobs += api_jobs[: int(feedback * repeat_share)]
		survey_jobs = list(fixtures["tokens"])
		survey_jobs += survey_jobs[: int(answers * repeat_share)]
		issue_jobs = list(range(feedback))

		session_headers = {"Host": site_host, "Accept": "application/json"}
		api_headers = {**session_headers, "Authorization": fixtures["authorization"]}
		deadline = time.monotonic() + time_limit

		def post(path: str, headers: dict, **body):
			return _timed(
				lambda: requests.post(f"{url}{path}", headers=headers, timeout=60, **body), deadline
			)

		def post_feedback(job):
			external_id, i = job
			body = {
				"external_id": external_id,
				"feedback_type": "Complaint",
				"description": _text(i, spread=len(parties) > 1),
				"customer": parties[i % len(parties)],
				"consent": True,
			}
			return post("/api/method/feedback_loop.api.intake.submit_feedback", api_headers, json=body)

		def post_answer(token):
			body = {"token": token, "answers": json.dumps(ANSWERS)}
			return post("/api/method/feedback_loop.api.survey.submit_survey", session_headers, data=body)

		def post_issue(i):
			body = {
				"subject": f"{MARKER}issue {i}",
				"customer": parties[i % len(parties)],
				"description": _text(i, spread=len(parties) > 1),
			}
			return post("/api/resource/Issue", api_headers, json=body)

		# Every worker loads the text analyser on its first feedback, and Issues' workers warm up
		# too: the same warm-up for both sides before anything is timed (stored, then deleted).
		with ThreadPoolExecutor(max_workers=concurrency) as pool:
			list(pool.map(lambda i: post_feedback((f"{WARM_UP}{i}", i)), range(concurrency)))
			list(
				pool.map(
					lambda i: post(
						"/api/resource/Issue",
						api_headers,
						json={"subject": f"{WARM_UP}issue {i}", "customer": fixtures["customer"]},
					),
					range(concurrency),
				)
			)

		# The warm-up's feedback triaged too (the analyser loaded in this process), untimed.
		_triage_arrivals(fixtures)

		phases = (
			("API feedback", post_feedback, api_jobs),
			("survey answers", post_answer, survey_jobs),
			("ERPNext Issue (REST)", post_issue, issue_jobs),
		)
		outcomes = {name: [None] * len(jobs) for name, _fn, jobs in phases}
		seconds = dict.fromkeys(outcomes, 0.0)
		follow_ups = {"follow_ups_raised": 0, "follow_up_seconds": 0.0, "follow_ups_left_by_requests": 0}
		triage = {"triaged": 0, "triage_seconds": 0.0}
		# In rounds, each a share of every kind of request: the machine's speed drifts by a third
		# within minutes here, and a drift then weighs on every side alike.
		for turn in range(max(rounds, 1)):
			for name, fn, jobs in phases:
				share = range(turn, len(jobs), max(rounds, 1))
				started = time.monotonic()
				with ThreadPoolExecutor(max_workers=concurrency) as pool:
					for i, outcome in zip(share, pool.map(fn, [jobs[i] for i in share]), strict=True):
						outcomes[name][i] = outcome
				seconds[name] += time.monotonic() - started
				# What the worker does after the requests, done here, timed apart from them.
				if name == "API feedback":
					_add(triage, _triage_arrivals(fixtures))
				if name == "survey answers":
					_add(follow_ups, _raise_follow_ups(fixtures))
		results = {name: (outcomes[name], seconds[name]) for name in outcomes}

		frappe.db.rollback()  # a fresh snapshot: see everything the server committed
		report = _check(fixtures, results, feedback, answers)
		report["survey answers"].update(follow_ups)
		report["API feedback"].update(triage)
		_print(report, concurrency, len(parties))
		return report
	finally:
		routing_on(switched_off)
		_restore_rate_limits(previous_limits)
		_clean_up(fixtures)


#: With several customers, what they write varies too, as on a live site: several categories.
SPREAD_TEXTS = (
	"第{i}单快递晚到三天，包装破损，要求退款。",
	"第{i}单发错了颜色，要求换货。",
	"第{i}单的产品用了两天就坏了，质量太差。",
	"客服第{i}次电话态度很差，问题也没解决。",
	"第{i}张发票金额开错了，请重新开票。",
)


def _text(i: int, spread: bool) -> str:
	"""One customer's worst case repeats one problem; a spread of customers writes about several."""
	return SPREAD_TEXTS[i % len(SPREAD_TEXTS) if spread else 0].format(i=i)


def _timed(send, deadline) -> tuple[int, float, dict | None]:
	if time.monotonic() > deadline:
		return (0, 0.0, None)
	started = time.perf_counter()
	try:
		response = send()
		status = response.status_code
		body = (
			response.json()
			if response.headers.get("content-type", "").startswith("application/json")
			else None
		)
	except requests.RequestException:
		status, body = 0, None
	return (status, (time.perf_counter() - started) * 1000, body)


def _set_up(answers: int, customers: int = 1) -> dict:
	customer = make_customer(f"{MARKER}customer")
	# The first is also the surveys' customer; every one of them is the worst case's only customer.
	others = [make_customer(f"{MARKER}customer {i}") for i in range(1, max(customers, 1))]
	contact = make_contact(customer, email=f"{MARKER}{frappe.generate_hash(length=6)}@example.com")
	email, authorization = make_api_user(MARKER.strip("-"), ["Feedback Agent", "Support Team"])
	template = frappe.db.get_value("Feedback Survey Template", {"template_name": "Post-order CSAT"})
	tokens, callbacks = [], []
	for i in range(answers):
		callback = make_sent_survey(
			customer, contact, template, dedupe_key=f"{MARKER}{i}-{frappe.generate_hash(length=6)}"
		)
		callbacks.append(callback.name)
		tokens.append(token_for(callback))
	frappe.db.commit()
	return {
		"customer": customer,
		"customers": [customer, *others],
		"contact": contact,
		"user": email,
		"authorization": authorization,
		"tokens": tokens,
		"callbacks": callbacks,
	}


def routing_off() -> list[str]:
	"""The feedback's routing rules off for the run (Issues are not routed either): the comparison
	of the saves themselves. Frappe's Assignment Rule locks its rule row for a round robin, which
	serialises routed saves on both sides alike."""
	names = frappe.get_all(
		"Assignment Rule", filters={"document_type": "Feedback Record", "disabled": 0}, pluck="name"
	)
	for name in names:
		frappe.db.set_value("Assignment Rule", name, "disabled", 1)
	clear_doctype_map("Assignment Rule", "Feedback Record")
	frappe.db.commit()
	return names


def routing_on(names: list[str]) -> None:
	frappe.db.rollback()
	for name in names:
		frappe.db.set_value("Assignment Rule", name, "disabled", 0)
	clear_doctype_map("Assignment Rule", "Feedback Record")
	frappe.db.commit()


def _raise_rate_limits() -> dict:
	settings = frappe.get_single("Feedback Settings")
	previous = {field: settings.get(field) for field in RATE_LIMITS}
	settings.update(RATE_LIMITS)
	settings.save(ignore_permissions=True)
	frappe.db.commit()
	return previous


def _restore_rate_limits(previous: dict) -> None:
	frappe.db.rollback()
	settings = frappe.get_single("Feedback Settings")
	settings.update(previous)
	settings.save(ignore_permissions=True)
	frappe.db.commit()
	# The run's own requests, counted against 127.0.0.1 under the raised limits: left counted,
	# they would make the survey page refuse this address for the rest of the hour.
	frappe.cache.delete_value([f"rl:{method}:127.0.0.1" for method in RATE_LIMITED_METHODS])


def _check(fixtures: dict, results: dict, feedback: int, answers: int) -> dict:
	report = {}
	for name, (outcomes, seconds) in results.items():
		statuses = [status for status, _ms, _body in outcomes]
		latencies = sorted(ms for status, ms, _body in outcomes if status)
		errors = sum(1 for status in statuses if not 200 <= status < 300)
		report[name] = {
			"requests": len(outcomes),
			"errors": errors,
			"error_rate": errors / len(outcomes) if outcomes else 0,
			"per_second": len(outcomes) / seconds if seconds else 0,
			"p50_ms": statistics.median(latencies) if latencies else 0,
			"p95_ms": latencies[int(len(latencies) * 0.95) - 1] if latencies else 0,
			"statuses": {status: statuses.count(status) for status in set(statuses)},
			"why": _why_refused(outcomes),
		}
	stored = frappe.db.sql(
		"""select count(*), count(distinct external_id) from `tabFeedback Record`
		where channel = 'API' and external_id like %s""",
		(f"{MARKER}%",),
	)[0]  # raw SQL: one round trip for both counts of the check
	api_outcomes = results["API feedback"][0]
	names_by_id: dict[str, set] = {}
	for (external_id, _i), (_status, _ms, body) in zip(
		_api_jobs_of(feedback, api_outcomes), api_outcomes, strict=True
	):
		if body and body.get("message"):
			names_by_id.setdefault(external_id, set()).add(body["message"]["name"])
	report["API feedback"].update(
		{
			"stored": stored[0],
			"lost": feedback - stored[1],
			"duplicated": stored[0] - stored[1],
			"repeat_answers_differing": sum(1 for names in names_by_id.values() if len(names) > 1),
		}
	)
	responded = frappe.db.count(
		"Feedback Callback", {"name": ("in", fixtures["callbacks"]), "status": "Responded"}
	)
	answer_rows = frappe.db.count("Feedback Callback Answer", {"parent": ("in", fixtures["callbacks"])})
	report["survey answers"].update(
		{
			"stored": responded,
			"lost": answers - responded,
			# One row per answered question: more rows than that means a link stored answers twice.
			"duplicated": max(answer_rows - len(ANSWERS) * responded, 0),
			"refused_repeats": sum(
				1
				for _s, _ms, body in results["survey answers"][0]
				if body and not (body.get("message") or {}).get("ok", True)
			),
		}
	)
	report["ERPNext Issue (REST)"]["stored"] = frappe.db.count("Issue", {"subject": ("like", f"{MARKER}%")})
	return report


def _why_refused(outcomes: list) -> dict:
	"""What the refused requests said (an error's exception, a survey page's reason), counted: a
	run that goes wrong tells why in its own output."""
	reasons: dict[str, int] = {}
	for status, _ms, body in outcomes:
		body = body or {}
		message = body.get("message")
		if 200 <= status < 300 and not (isinstance(message, dict) and message.get("ok") is False):
			continue
		if isinstance(message, dict) and message.get("error"):
			reason = message["error"]
		else:
			reason = body.get("exc_type") or (body.get("exception") or "").split(":")[0] or f"HTTP {status}"
		reasons[str(reason)[:120]] = reasons.get(str(reason)[:120], 0) + 1
	return reasons


def _raise_follow_ups(fixtures: dict) -> dict:
	"""The feedback the low scores raise, as the worker's jobs would after the answers' commits
	(one transaction each, in this process), timed: the part of an answer's work the customer no
	longer waits for, still counted."""
	frappe.db.rollback()  # see the answers the server committed
	due = frappe.db.count("Feedback Callback", {"name": ("in", fixtures["callbacks"]), "follow_up_due": 1})
	before = _follow_ups_of(fixtures)
	started = time.monotonic()
	raise_waiting_follow_ups()  # the first queued job's work: every answer waiting
	seconds = time.monotonic() - started
	return {
		"follow_ups_raised": _follow_ups_of(fixtures) - before,
		"follow_up_seconds": seconds,
		"follow_ups_left_by_requests": due,
	}


def _follow_ups_of(fixtures: dict) -> int:
	return frappe.db.count("Feedback Record", {"survey_callback": ("in", fixtures["callbacks"])})


def _add(total: dict, part: dict) -> None:
	for key, value in part.items():
		total[key] += value


def _triage_arrivals(fixtures: dict) -> dict:
	"""The triage of the API's feedback, stored at once by the requests, as the worker's first job
	would do it after their commits (services/triage/arrival.py), timed: counted, not waited for."""
	frappe.db.rollback()  # see the records the server committed
	due = frappe.db.count("Feedback Record", {"owner": fixtures["user"], "triage_due": 1})
	started = time.monotonic()
	triage_waiting_records()
	return {"triaged": due, "triage_seconds": time.monotonic() - started}


def _api_jobs_of(feedback: int, outcomes: list) -> list:
	jobs = [(f"{MARKER}{i}", i) for i in range(feedback)]
	return (jobs + jobs)[: len(outcomes)]


def _print(report: dict, concurrency: int, customers: int = 1) -> None:
	spread = "one customer (the worst case)" if customers == 1 else f"{customers} customers"
	print(f"load test, {concurrency} concurrent clients, feedback and Issues of {spread}")
	for name, figures in report.items():
		print(
			f"  {name}: {figures['requests']} requests, {figures['per_second']:.0f}/s, "
			f"p50 {figures['p50_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, errors {figures['errors']} "
			f"({figures['error_rate']:.1%}), statuses {figures['statuses']}"
		)
		extra = {
			k: figures[k]
			for k in ("stored", "lost", "duplicated", "repeat_answers_differing", "refused_repeats")
			if k in figures
		}
		print(f"    {extra}")
		if figures.get("why"):
			print(f"    refused: {figures['why']}")
		if "triaged" in figures:
			seconds = figures["triage_seconds"]
			print(
				f"    their triage: {figures['triaged']} records triaged after the requests (as the "
				f"worker's job, one process): {seconds:.1f} s, {figures['triaged'] / seconds if seconds else 0:.0f}/s"
			)
		if "follow_ups_raised" in figures:
			seconds = figures["follow_up_seconds"]
			print(
				f"    their feedback: {figures['follow_ups_raised']} records raised, "
				f"{figures['follow_ups_left_by_requests']} of them after the answers (as the worker's "
				f"jobs, one process): {seconds:.1f} s, "
				f"{figures['follow_ups_left_by_requests'] / seconds if seconds else 0:.0f}/s"
			)
	ours, theirs = report["API feedback"], report["ERPNext Issue (REST)"]
	if ours["p50_ms"] and theirs["p50_ms"]:
		print(
			f"  API feedback vs Issue: throughput {ours['per_second'] / theirs['per_second']:.2f}×, p50 latency {ours['p50_ms'] / theirs['p50_ms']:.2f}×"
		)
	# Requests a second overstate a side whose requests fail fast (ERPNext's Issue inserts on
	# Frappe 16, refused on their naming series): what was stored a second, too.
	stored = {name: _stored_per_second(figures) for name, figures in report.items()}
	if stored["ERPNext Issue (REST)"]:
		issue = stored["ERPNext Issue (REST)"]
		print(
			f"  stored a second: API feedback {stored['API feedback']:.0f}, survey answers "
			f"{stored['survey answers']:.0f}, Issue {issue:.0f}; API feedback vs Issue "
			f"{stored['API feedback'] / issue:.2f}×, survey answers vs Issue {stored['survey answers'] / issue:.2f}×"
		)
		# The requests, then the worker's part by one process as one worker does it: all of the
		# work counted, that part without the four server processes' parallelism.
		if (whole := _whole_work(report["API feedback"], "triage_seconds")) is not None:
			print(
				f"  API feedback and its triage, one after the other (the triage by one process, as "
				f"by one worker): {whole:.0f} a second, {whole / issue:.2f}× Issue"
			)
		if (whole := _whole_work(report["survey answers"], "follow_up_seconds")) is not None:
			print(
				f"  survey answers and the feedback they raise, one after the other (the feedback by "
				f"one process, as by one worker): {whole:.0f} a second, {whole / issue:.2f}× Issue"
			)


def _whole_work(figures: dict, after_key: str) -> float | None:
	"""Stored a second with the worker's part done after the requests counted in."""
	if figures.get(after_key) is None or not figures["per_second"]:
		return None
	return figures["stored"] / (figures["requests"] / figures["per_second"] + figures[after_key])


def _stored_per_second(figures: dict) -> float:
	if not figures["per_second"]:
		return 0.0
	seconds = figures["requests"] / figures["per_second"]
	return figures.get("stored", 0) / seconds


def _clean_up(fixtures: dict) -> None:
	frappe.db.rollback()
	for doctype, filters in (
		("Feedback Record", {"external_id": ("like", f"{MARKER}%")}),
		*(("Feedback Record", {"customer": customer}) for customer in fixtures["customers"]),
		("Issue", {"subject": ("like", f"{MARKER}%")}),
		("Issue", {"subject": ("like", f"{WARM_UP}%")}),
		("Feedback Callback", {"name": ("in", fixtures["callbacks"] or [""])}),
	):
		for name in frappe.get_all(doctype, filters=filters, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.delete_doc("User", fixtures["user"], force=True, ignore_permissions=True)
	frappe.delete_doc("Contact", fixtures["contact"], force=True, ignore_permissions=True)
	for customer in fixtures["customers"]:
		frappe.delete_doc("Customer", customer, force=True, ignore_permissions=True)
	frappe.db.commit()
