"""Benchmark: what an agent waits for when they press Save on a new record in the desk — a
Feedback Record against an ERPNext Issue, through a running server.

    cd ~/frappe-bench/sites && ../env/bin/gunicorn -b 127.0.0.1:8001 -w 1 frappe.app:application &
    bench --site test2.localhost execute feedback_loop.tools.benchmarks.desk_save.run \
        --kwargs "{'url': 'http://127.0.0.1:8001', 'n': 40, 'rounds': 5}"

Each save is the form's own request (`frappe.desk.form.save.savedocs`, as the desk sends it for
a new document): the request, the insert with everything the record's save decides (analysis,
duplicates, segment, reply language, priority rules, SLA), the commit, the jobs queued after it,
and the answer the form reloads from. `intake.py` times the insert alone inside one transaction;
this is the same save as the agent sees it. One client sends `n` saves a side, one after the
other, the two sides in turn for `rounds` rounds, so that the machine's drift weighs on both;
each round's medians and their ratio are printed. Use a server with one worker, so that a save
is timed, not a queue. The feedback's routing rules are off for the run (the Issues are not
routed either), as in the load benchmark. Every record is one customer's, repeating one
problem: the worst case for the duplicate look-up and the priority rules' counts.

Only 127.0.0.1 / localhost are accepted. Everything it created is deleted; on a bench without a
worker the jobs its saves queued (acknowledgements, Frappe's clean-up after the deletions) wait
in the queue for `bench purge-jobs`. Prints figures; asserts nothing.
"""

import json
import statistics
import time
from urllib.parse import urlparse

import frappe
import requests

from feedback_loop.tests.factories import make_api_user, make_contact, make_customer
from feedback_loop.tools.benchmarks.load import LOCAL_HOSTS, routing_off, routing_on

MARKER = "desk-save-"
TEXT = "<p>等了三天还没到，包装也破损了。</p>"
SAVE = "/api/method/frappe.desk.form.save.savedocs"


def run(url: str = "http://127.0.0.1:8000", n: int = 40, rounds: int = 5) -> dict:
	if urlparse(url).hostname not in LOCAL_HOSTS:
		raise SystemExit("The desk save benchmark only runs against 127.0.0.1 or localhost.")
	n, rounds = min(int(n), 500), min(int(rounds), 20)  # bounded
	customer = make_customer(f"{MARKER}customer", language="zh")
	contact = make_contact(customer, email=f"{MARKER}{frappe.generate_hash(length=6)}@example.com")
	user, authorization = make_api_user(MARKER.strip("-"), ["Feedback Agent", "Support Team"])
	frappe.db.commit()
	switched_off = routing_off()
	session = requests.Session()
	session.headers.update({"Host": frappe.local.site, "Authorization": authorization})
	sides = {
		"Feedback Record": lambda i: {
			"doctype": "Feedback Record",
			"customer": customer,
			"contact": contact,
			"feedback_type": "Complaint",
			"channel": "Desk",
			"subject": f"{MARKER}快递第{i}次晚到",
			"description": TEXT,
		},
		"ERPNext Issue": lambda i: {
			"doctype": "Issue",
			"customer": customer,
			"subject": f"{MARKER}快递第{i}次晚到",
			"description": TEXT,
			"raised_by": "benchmark@example.com",
		},
	}
	medians: dict[str, list[float]] = {side: [] for side in sides}
	try:
		count = 0
		# Both sides' first saves load what a worker keeps (the text analyser, metadata): untimed.
		for values in sides.values():
			for _ in range(5):
				count += 1
				_save(session, url, values(count), count)
		for _ in range(rounds):
			for side, values in sides.items():
				took = []
				for _ in range(n):
					count += 1
					took.append(_save(session, url, values(count), count))
				medians[side].append(statistics.median(took))
	finally:
		routing_on(switched_off)
		_clean_up(customer, contact, user)
	_print(medians, n)
	return medians


def _save(session: requests.Session, url: str, values: dict, i: int) -> float:
	# The desk names a new document `new-<doctype>-<n>` until the server gives it its name.
	doc = {**values, "__islocal": 1, "name": f"new-{values['doctype'].lower().replace(' ', '-')}-{i}"}
	started = time.perf_counter()
	response = session.post(f"{url}{SAVE}", data={"doc": json.dumps(doc), "action": "Save"}, timeout=60)
	took = (time.perf_counter() - started) * 1000
	if response.status_code != 200:
		raise SystemExit(f"{values['doctype']} save refused ({response.status_code}): {response.text[:500]}")
	return took


def _print(medians: dict[str, list[float]], n: int) -> None:
	ours, theirs = medians["Feedback Record"], medians["ERPNext Issue"]
	print(f"the agent's save in the desk (savedocs through the server, {n} a side a round, medians):")
	for side, values in medians.items():
		print(f"  {side:<20} {'  '.join(f'{v:7.1f}' for v in values)} ms")
	ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
	print(f"  ratio ours / ERPNext   {'  '.join(f'{r:7.2f}' for r in ratios)}")
	print(
		f"  Feedback Record vs Issue: {statistics.median(ratios):.2f}× (median of the rounds' ratios, "
		f"{min(ratios):.2f}–{max(ratios):.2f}×)"
	)


def _clean_up(customer: str, contact: str, user: str) -> None:
	frappe.db.rollback()
	for doctype in ("Feedback Record", "Issue"):
		for name in frappe.get_all(doctype, filters={"customer": customer}, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.delete_doc("Contact", contact, force=True, ignore_permissions=True)
	frappe.delete_doc("Customer", customer, force=True, ignore_permissions=True)
	frappe.db.commit()
