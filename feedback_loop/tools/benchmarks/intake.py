"""Benchmark: recording feedback against recording an ERPNext Issue, the nearest ERPNext feature.

    bench --site test.localhost execute feedback_loop.tools.benchmarks.intake.run --kwargs "{'n': 200}"

Both sides insert ``n`` documents for the same customer through the normal document path
(validation, hooks) — what an agent waits for on save; feedback with its priority rules and
routing (Assignment Rule, a ToDo per record) on, then once more with both off to show their cost. Feedback's save includes the text
analysis and, since every record is the same customer's, a duplicate comparison against their
latest 50 records: the worst case. The acknowledgement e-mail that
feedback then builds in a background job is timed on its own. Then the Customer-page summary
is timed against ERPNext's own dashboard counts for the same customer. Everything is rolled
back. Prints figures and ratios; it asserts nothing. The same save as the agent waits for it in the
desk — the request, the commit and the form's answer around the insert — is `desk_save.py`.
"""

import time

import frappe
from frappe.cache_manager import clear_doctype_map

from feedback_loop.services.messages.acknowledgement import send_acknowledgement
from feedback_loop.services.reports.customer_feedback_summary import customer_feedback_summary
from feedback_loop.services.triage.engine import get_triager
from feedback_loop.tests.case import set_test_mode
from feedback_loop.tests.factories import (
	make_contact,
	make_customer,
	make_feedback,
	make_outgoing_email_account,
)
from feedback_loop.tools.benchmarks.statements import counted_statements


def run(n: int = 200) -> None:
	try:
		set_test_mode(True)  # the benchmark mail account needs no SMTP server
		make_outgoing_email_account()
		set_test_mode(False)  # acknowledgements go to the job queue, as on a live site
		customer = make_customer("Benchmark Customer", language="zh")
		contact = make_contact(customer, email="benchmark@example.com")

		# A worker loads the analyser once (jieba, SnowNLP's model, VADER): not part of a save.
		triager = get_triager()
		text = "快递第1次晚到\n等了三天还没到，包装也破损了。"
		triage_ms = _per_call_ms(n, lambda i: triager.triage(text))
		print(f"  text analysis alone (sentiment, keywords, category, vague check): {triage_ms:.2f} ms")

		names: list[str] = []
		_day_one(rules=True, routing=True)
		feedback_ms = _per_call_ms(n, lambda i: names.append(_insert_feedback(customer, contact, i)))
		issue_ms = _per_call_ms(n, lambda i: _insert_issue(customer, i))
		_report(
			"insert one record (the agent's save, priority rules and routing on)",
			"Feedback Record",
			feedback_ms,
			"ERPNext Issue",
			issue_ms,
		)
		sla_issue_ms = _with_issue_sla(lambda: _per_call_ms(n, lambda i: _insert_issue(customer, 4 * n + i)))
		_report(
			"  the same against an ERPNext Issue with its Service Level Agreement applied",
			"Feedback Record",
			feedback_ms,
			"ERPNext Issue with SLA",
			sla_issue_ms,
		)
		# Routing is Frappe's Assignment Rule, which ERPNext offers for Issues too: the same rule
		# (round robin over the same users) on Issue is the matching comparison.
		users = _issue_assignment_rule()
		routed_issue_ms = _per_call_ms(n, lambda i: _insert_issue(customer, n + i))
		_report(
			f"  the same with ERPNext's Issue also routed by an Assignment Rule ({len(users)} users)",
			"Feedback Record",
			feedback_ms,
			"ERPNext Issue, assigned",
			routed_issue_ms,
		)
		frappe.delete_doc("Assignment Rule", "Benchmark Issue Routing", force=True, ignore_permissions=True)
		clear_doctype_map("Assignment Rule", "Issue")
		# What the day-one rules cost: the same saves with the priority rules and routing off.
		_day_one(rules=False, routing=True)
		no_rules_ms = _per_call_ms(n, lambda i: _insert_feedback(customer, contact, 2 * n + i))
		_day_one(rules=False, routing=False)
		plain_ms = _per_call_ms(n, lambda i: _insert_feedback(customer, contact, 3 * n + i))
		print(
			f"  priority rules off: {no_rules_ms:.2f} ms; priority rules and routing off: {plain_ms:.2f} ms "
			f"(the rules add {feedback_ms - no_rules_ms:.2f} ms, routing {no_rules_ms - plain_ms:.2f} ms)"
		)
		_day_one(rules=True, routing=False)
		_insert_feedback(customer, contact, 4 * n)  # the settings just changed: their cache warms
		unrouted_ms = _per_call_ms(n, lambda i: _insert_feedback(customer, contact, 6 * n + i))
		_report(
			"  feedback not routed (priority rules on) against the plain Issue",
			"Feedback Record, not routed",
			unrouted_ms,
			"ERPNext Issue",
			issue_ms,
		)
		frappe_ms = _per_call_ms(
			n, lambda i: _frappe_part(lambda: _insert_feedback(customer, contact, 7 * n + i))
		)
		_report(
			"  the floor: Frappe's own part of a Feedback Record insert (the controller's steps off)",
			"Feedback Record, Frappe's part",
			frappe_ms,
			"ERPNext Issue",
			issue_ms,
		)
		_print_steps(n, lambda i: _insert_feedback(customer, contact, 8 * n + i))
		print("SQL statements per save (the next save of the same customer):")
		print(
			f"  Feedback Record, not routed            {_statements(lambda: _insert_feedback(customer, contact, 5 * n)):4d}"
		)
		_day_one(rules=True, routing=True)
		print(
			f"  Feedback Record, routed                {_statements(lambda: _insert_feedback(customer, contact, 5 * n + 1)):4d}"
		)
		print(
			f"  ERPNext Issue                          {_statements(lambda: _insert_issue(customer, 5 * n)):4d}"
		)
		print(
			f"  ERPNext Issue with SLA                 {_with_issue_sla(lambda: _statements(lambda: _insert_issue(customer, 5 * n + 1))):4d}"
		)
		# Never committed, so none of those jobs reaches the queue; build the mails here instead.
		ack_ms = _per_call_ms(n, lambda i: send_acknowledgement(names[i]))
		print(f"  acknowledgement e-mail, built later in a background job: {ack_ms:.2f} ms per record")

		summary_ms = _per_call_ms(50, lambda i: customer_feedback_summary(customer))
		dashboard_ms = _per_call_ms(50, lambda i: _erpnext_customer_dashboard_count(customer))
		_report(
			f"customer summary over {n} records",
			"feedback summary (1 query)",
			summary_ms,
			"ERPNext Customer dashboard counts",
			dashboard_ms,
		)
	finally:
		frappe.db.rollback()
		set_test_mode(False)
		frappe.flags.mute_emails = False
		# The rollback undoes the rules switched on and off, not what Redis cached of them.
		for doctype in ("Feedback Record", "Issue"):
			clear_doctype_map("Assignment Rule", doctype)
		frappe.clear_document_cache("Feedback Settings", "Feedback Settings")


def _day_one(rules: bool, routing: bool) -> None:
	"""The priority rules and the seeded routing rules on or off, inside the benchmark's transaction."""
	frappe.db.set_single_value("Feedback Settings", "apply_priority_rules", int(rules))
	frappe.clear_document_cache("Feedback Settings", "Feedback Settings")
	for name in frappe.get_all("Assignment Rule", filters={"document_type": "Feedback Record"}, pluck="name"):
		rule = frappe.get_doc("Assignment Rule", name)
		rule.disabled = 0 if routing else 1
		rule.save(ignore_permissions=True)
	# Frappe mails each new assignee at once in a test; the benchmark times the save, not SMTP.
	frappe.flags.mute_emails = True


def _issue_assignment_rule() -> list[str]:
	"""An Assignment Rule on Issue like the feedback's: round robin over the same users."""
	users = sorted(
		{
			row.user
			for name in frappe.get_all(
				"Assignment Rule", filters={"document_type": "Feedback Record"}, pluck="name"
			)
			for row in frappe.get_doc("Assignment Rule", name).users
		}
	) or ["Administrator"]
	frappe.get_doc(
		{
			"doctype": "Assignment Rule",
			"name": "Benchmark Issue Routing",
			"document_type": "Issue",
			"priority": 1,
			"description": "{{ subject }}",
			"assign_condition": "status == 'Open'",
			"rule": "Round Robin",
			"users": [{"user": user} for user in users],
			"assignment_days": [
				{"day": day}
				for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
			],
		}
	).insert(ignore_permissions=True, set_name="Benchmark Issue Routing")
	return users


def _with_issue_sla(measure):
	"""`measure()` with ERPNext's SLA tracking on and a default Service Level Agreement for Issue
	(working hours Monday to Friday, ERPNext's test holiday list), switched off again after."""
	from erpnext.support.doctype.service_level_agreement.test_service_level_agreement import (
		create_service_level_agreement,
	)

	frappe.db.set_single_value("Support Settings", "track_service_level_agreement", 1)
	sla = create_service_level_agreement(
		default_service_level_agreement=1,
		holiday_list="__Test Holiday List",
		entity_type=None,
		entity=None,
		response_time=14400,
		resolution_time=21600,
		service_level="Benchmark Issue SLA",
	)
	try:
		return measure()
	finally:
		frappe.db.set_value("Service Level Agreement", sla.name, "enabled", 0)
		frappe.db.set_single_value("Support Settings", "track_service_level_agreement", 0)


def _frappe_part(insert):
	"""`insert()` with the record's controller methods doing nothing: what Frappe alone spends on a
	Feedback Record (defaults, link checks with their fetches, validation of its fields, naming,
	the insert, post-save hooks), for this measurement only."""
	from feedback_loop.feedback_loop.doctype.feedback_record.feedback_record import FeedbackRecord

	methods = ("before_insert", "before_validate", "validate", "after_insert", "on_update")
	kept = {name: FeedbackRecord.__dict__[name] for name in methods}
	try:
		for name in methods:
			setattr(FeedbackRecord, name, lambda self: None)
		return insert()
	finally:
		for name, method in kept.items():
			setattr(FeedbackRecord, name, method)


#: The record's own steps, as the controller calls them (feedback_record.py), each timed in place.
_STEPS = (
	"segment_for_customer",
	"reply_language_of",
	"validate_references",
	"apply_triage",
	"apply_priority",
	"apply_sla",
	"validate_intake",
	"apply_status_change",
	"mark_for_acknowledgement",
	"note_late_entry",
	"raise_the_crowd",
	"queue_acknowledgements",
	"remember_from_feedback",
)


def _print_steps(n: int, insert) -> None:
	"""Where the save's time goes: `n` more saves (priority rules on, not routed) with the record's
	controller methods timed, and each of its steps where the controller calls it; within the
	analysis, the text analysis and the duplicate look-up. What is left of the insert is Frappe's."""
	from feedback_loop.core.triage.text.triage import Triager
	from feedback_loop.feedback_loop.doctype.feedback_record import feedback_record
	from feedback_loop.services.triage import analysis

	spent: dict[str, float] = {}
	timed = [(feedback_record, name) for name in _STEPS]
	record = feedback_record.FeedbackRecord
	timed += [(record, "prepare"), (record, "after_insert"), (record, "on_update")]
	timed += [(analysis, "flag_possible_duplicate")]
	timed += [(Triager, "triage")]
	kept = [(owner, name, getattr(owner, name)) for owner, name in timed]

	def timer(name, call):
		def timed_call(*args, **kwargs):
			started = time.perf_counter()
			try:
				return call(*args, **kwargs)
			finally:
				spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

		return timed_call

	try:
		for owner, name, call in kept:
			setattr(owner, name, timer(name, call))
		whole = _per_call_ms(n, insert)
	finally:
		for owner, name, call in kept:
			setattr(owner, name, call)
	ms = {name: seconds * 1000 / n for name, seconds in spent.items()}
	# The steps run inside these three; the rest of the insert is Frappe's (and other apps' hooks).
	own = sum(ms.pop(name, 0.0) for name in ("prepare", "after_insert", "on_update"))
	print(f"  where a save's {whole:.2f} ms go (each step timed in place, {n} saves):")
	print(f"    the rest: Frappe's insert and every app's document hooks   {whole - own:6.2f} ms")
	print(f"    the record's own steps                                     {own:6.2f} ms")
	labels = {
		"triage": "text analysis (within apply_triage)",
		"flag_possible_duplicate": "duplicate look-up (within apply_triage)",
	}
	for name, value in sorted(ms.items(), key=lambda item: -item[1]):
		print(f"      {labels.get(name, name):<52} {value:6.2f} ms")


def _statements(save) -> int:
	with counted_statements() as seen:
		save()
	return len(seen)


def _insert_feedback(customer: str, contact: str, i: int) -> str:
	return make_feedback(
		customer,
		contact=contact,
		subject=f"快递第{i}次晚到",
		description="<p>等了三天还没到，包装也破损了。</p>",
	).name


def _insert_issue(customer: str, i: int) -> None:
	frappe.get_doc(
		{
			"doctype": "Issue",
			"customer": customer,
			"subject": f"快递第{i}次晚到",
			"description": "<p>等了三天还没到，包装也破损了。</p>",
			"raised_by": "benchmark@example.com",
		}
	).insert()


def _erpnext_customer_dashboard_count(customer: str) -> None:
	from frappe.desk.notifications import get_open_count

	get_open_count("Customer", customer)


def _per_call_ms(n: int, call) -> float:
	started = time.perf_counter()
	for i in range(n):
		call(i)
	return (time.perf_counter() - started) * 1000 / n


def _report(what: str, ours: str, ours_ms: float, theirs: str, theirs_ms: float) -> None:
	print(f"{what}:")
	print(f"  {ours:<36} {ours_ms:8.2f} ms")
	print(f"  {theirs:<36} {theirs_ms:8.2f} ms")
	print(f"  ratio ours / ERPNext: {ours_ms / theirs_ms:.2f}")
