"""Benchmark: the daily retention job against Frappe's own Personal Data Deletion Request.

    bench --site test.localhost execute feedback_loop.tools.benchmarks.retention.run --kwargs "{'records': 2000}"

Writes ``records`` expired Feedback Records of one person (name, e-mail and phone in the fields
and in the description), each with an e-mail, a comment and a change-history row, the way a site
holds them after years of use. Then, on the same rows and each time from the same state:

- the retention job (`anonymise_expired`): personal fields emptied, texts of the record, its
  e-mails and comments scrubbed, history deleted;
- Frappe's deletion request for that person's e-mail (`redact_full_match_data` for the app's
  `user_data_fields`): fixed values written into the listed fields, texts and e-mails untouched.

Frappe's request does less work per record; the ratio says what the scrubbing costs on top.
Everything is rolled back. Prints figures and ratios; it asserts nothing.
"""

import time

import frappe
from frappe.utils import add_days, now_datetime

from feedback_loop.services.privacy import anonymisation
from feedback_loop.tests.case import set_test_mode
from feedback_loop.tools.demo_data.site import _bulk_insert

PREFIX = "FBRETBENCH"
EMAIL = "li.lei.retention@example.com"
PHONE = "13987654321"


def run(records: int = 2000) -> None:
	set_test_mode(True)  # the job commits between batches on a live site; here it must not
	try:
		_write_expired_records(records)
		savepoint = "retention_benchmark"
		frappe.db.savepoint(savepoint)

		frappe.db.set_single_value("Feedback Settings", "retention_days", 3000)
		job_s = _timed(lambda: anonymisation.anonymise_expired(time_budget_seconds=3600))
		done = frappe.db.count(
			"Feedback Record", {"name": ("like", f"{PREFIX}%"), "anonymised_on": ("is", "set")}
		)
		left = _personal_data_left()
		frappe.db.rollback(save_point=savepoint)

		frappe_s = _timed(_frappe_deletion_request)
		redacted = frappe.db.count(
			"Feedback Record", {"name": ("like", f"{PREFIX}%"), "contact_email": ("!=", EMAIL)}
		)
		frappe.db.rollback(save_point=savepoint)

		print(
			f"\n== retention over {records} expired records (each with an e-mail, a comment, a history row)"
		)
		print(
			f"  retention job (anonymise_expired): {job_s:.2f} s, {records / job_s:,.0f} records/s, {done} anonymised"
		)
		print(f"  e-mail address, phone or name still found in {left} texts (records, e-mails, comments)")
		print(
			f"  Frappe Personal Data Deletion Request (same rows): {frappe_s:.2f} s, "
			f"{records / frappe_s:,.0f} records/s, {redacted} redacted"
		)
		print(f"  ratio job / Frappe: {job_s / frappe_s:.2f}")
		per_day = records / job_s * anonymisation.DAILY_BUDGET_SECONDS
		print(f"  records the job can anonymise in its daily budget: {per_day:,.0f}")
	finally:
		frappe.db.rollback()
		# The settings were read (and cached) inside the rolled-back transaction.
		frappe.clear_document_cache("Feedback Settings", "Feedback Settings")
		set_test_mode(False)


def _personal_data_left() -> int:
	return sum(
		frappe.db.count(doctype, {"name": ("like", f"{PREFIX}%"), field: ("like", f"%{secret}%")})
		for doctype, field in (
			("Feedback Record", "description"),
			("Feedback Record", "subject"),
			("Communication", "content"),
			("Comment", "content"),
		)
		for secret in (EMAIL, PHONE, "Li Lei")
	)


def _timed(action) -> float:
	start = time.perf_counter()
	action()
	return time.perf_counter() - start


def _frappe_deletion_request() -> None:
	request = frappe.new_doc("Personal Data Deletion Request")
	request.email = EMAIL
	# The request's own setup of what to write instead (name-mangled: it is private to Frappe).
	request._PersonalDataDeletionRequest__set_anonymization_data(EMAIL, "anonymous@example.com")
	for ref in request.full_match_privacy_docs:
		if ref["doctype"] == "Feedback Record":
			request.redact_full_match_data(ref, EMAIL)


def _write_expired_records(records: int) -> None:
	created = add_days(now_datetime(), -3100)
	description = (
		f"<p>Li Lei here, call me on {PHONE} or write to {EMAIL}: the order arrived broken "
		"and nobody answered for three days.</p>"
	)
	feedback, mails, comments, versions = [], [], [], []
	for i in range(records):
		name = f"{PREFIX}{i:07d}"
		feedback.append(
			{
				"name": name,
				"creation": created,
				"modified": created,
				"received_on": created,
				"subject": f"Broken order {i} — Li Lei",
				"description": description,
				"feedback_type": "Complaint",
				"channel": "Email",
				"status": "Closed",
				"sender_name": "Li Lei",
				"contact_email": EMAIL,
				"contact_phone": PHONE,
				"contact_email_masked": "l***@example.com",
				"contact_phone_masked": "139****4321",
				"sender": EMAIL,
				"sentiment": "Negative",
			}
		)
		reference = {"reference_doctype": "Feedback Record", "reference_name": name, "creation": created}
		mails.append(
			{
				**reference,
				"name": f"{name}-M",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"subject": f"Broken order {i}",
				"content": description,
				"sender": EMAIL,
				"sender_full_name": "Li Lei",
				"recipients": "support@example.com",
			}
		)
		comments.append(
			{
				**reference,
				"name": f"{name}-C",
				"comment_type": "Comment",
				"content": f"Called Li Lei on {PHONE}, will send a new one.",
			}
		)
		versions.append(
			{
				"name": f"{name}-V",
				"ref_doctype": "Feedback Record",
				"docname": name,
				"creation": created,
				"data": f'{{"changed": [["contact_phone", "", "{PHONE}"]]}}',
			}
		)
	for doctype, rows in (
		("Feedback Record", feedback),
		("Communication", mails),
		("Comment", comments),
		("Version", versions),
	):
		for start in range(0, len(rows), 1000):
			_bulk_insert(doctype, rows[start : start + 1000])
