"""Benchmark: importing historical feedback with Frappe's Data Import against importing as many
ERPNext Issues the same way, the nearest ERPNext feature.

    bench --site test.localhost execute feedback_loop.tools.benchmarks.data_import.run --kwargs "{'n': 2000}"

Both files go through Frappe's own importer (`start_import`, the job a Data Import runs), row
by row with a commit after each row, as on a live site. Feedback rows are stored first and
analysed afterwards (`analyse_pending_records`, the background job an import queues), which is
timed on its own. Everything it created is deleted at the end. Prints figures and ratios; it
asserts nothing.
"""

import csv
import io
import time

import frappe
from frappe.core.doctype.data_import.data_import import start_import

from feedback_loop.services.triage.analysis import analyse_pending_records
from feedback_loop.services.triage.engine import get_triager
from feedback_loop.tests.factories import make_customer
from feedback_loop.tools.benchmarks.load import routing_off, routing_on

MARKER = "import-bench-"
TEXTS = [
	("Complaint", "快递晚到", "等了三天还没到，包装也破损了，要求退款。"),
	("Complaint", "Damaged cup", "The cup arrived broken and support never called back."),
	("Suggestion", "夜间配送", "希望增加晚上配送，白天上班收不到。"),
	("Praise", "Great service", "Quick delivery and friendly staff, thank you."),
	("Inquiry", "发票问题", "请问发票什么时候能开出来？"),
]


def run(n: int = 2000, issues: int | None = None, routing: bool = True) -> None:
	"""`issues`: how many Issues to import for the comparison (default: as many as feedback rows);
	`routing`: False switches the feedback's routing rules off for the run, to time the analysis
	without Frappe's Assignment Rules."""
	issues = n if issues is None else issues
	customers = [make_customer(f"{MARKER}customer {i}") for i in range(20)]
	frappe.db.commit()
	switched_off = [] if routing else routing_off()
	try:
		feedback_s = _import("Feedback Record", _feedback_csv(n, customers))
		# A worker loads the analyser once (jieba, the sentiment models): not part of the rate.
		get_triager().triage("预热 warm-up")
		analysed_start = time.perf_counter()
		analysed = analyse_pending_records()
		analysis_s = time.perf_counter() - analysed_start
		issue_s = _import("Issue", _issue_csv(issues, customers)) if issues else 0
		print(f"Data Import, {n} feedback rows: {feedback_s:.1f} s ({n / feedback_s:.0f} rows/s)")
		print(
			f"  analysis afterwards, {analysed} records: {analysis_s:.1f} s ({analysed / analysis_s:.0f} records/s)"
		)
		if issues:
			print(f"Data Import, {issues} ERPNext Issues: {issue_s:.1f} s ({issues / issue_s:.0f} rows/s)")
			ratio = (feedback_s / n) / (issue_s / issues)
			print(f"  time per row, feedback / Issue: {ratio:.2f}×")
			ratio_all = ((feedback_s + analysis_s) / n) / (issue_s / issues)
			print(f"  with the analysis included: {ratio_all:.2f}×")
	finally:
		routing_on(switched_off)
		_clean_up(customers)


def _feedback_csv(n: int, customers: list[str]) -> str:
	out = io.StringIO()
	writer = csv.writer(out)
	writer.writerow(["Customer", "Feedback Type", "Channel", "Subject", "Description", "Impact", "Urgency"])
	for i in range(n):
		kind, subject, text = TEXTS[i % len(TEXTS)]
		writer.writerow(
			[
				customers[i % len(customers)],
				kind,
				"Paper Form",
				f"{MARKER}{subject} {i}",
				text,
				"One Customer",
				"Medium",
			]
		)
	return out.getvalue()


def _issue_csv(n: int, customers: list[str]) -> str:
	out = io.StringIO()
	writer = csv.writer(out)
	writer.writerow(["Subject", "Customer", "Description", "Status"])
	for i in range(n):
		_kind, subject, text = TEXTS[i % len(TEXTS)]
		writer.writerow([f"{MARKER}{subject} {i}", customers[i % len(customers)], text, "Open"])
	return out.getvalue()


def _import(doctype: str, content: str) -> float:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{MARKER}{doctype}.csv",
			"content": content.encode(),
			"is_private": 1,
		}
	).insert(ignore_permissions=True)
	data_import = frappe.get_doc(
		{
			"doctype": "Data Import",
			"reference_doctype": doctype,
			"import_type": "Insert New Records",
			"import_file": file.file_url,
			"mute_emails": 1,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	started = time.perf_counter()
	start_import(data_import.name)
	elapsed = time.perf_counter() - started
	status = frappe.db.get_value("Data Import", data_import.name, "status")
	if status != "Success":
		print(f"  {doctype} import ended {status}")
	return elapsed


def _clean_up(customers: list[str]) -> None:
	frappe.db.rollback()
	for doctype in ("Feedback Record", "Issue"):
		names = frappe.get_all(doctype, filters={"subject": ("like", f"{MARKER}%")}, pluck="name")
		for chunk in range(0, len(names), 1000):
			part = names[chunk : chunk + 1000]
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", part)})
			frappe.db.delete("ToDo", {"reference_type": doctype, "reference_name": ("in", part)})
			frappe.db.delete("Comment", {"reference_doctype": doctype, "reference_name": ("in", part)})
			frappe.db.delete(doctype, {"name": ("in", part)})
	imports = frappe.get_all("Data Import", filters={"import_file": ("like", f"%{MARKER}%")}, pluck="name")
	if imports:
		frappe.db.delete("Data Import Log", {"data_import": ("in", imports)})
		frappe.db.delete("Data Import", {"name": ("in", imports)})
	for file in frappe.get_all("File", filters={"file_name": ("like", f"{MARKER}%")}, pluck="name"):
		frappe.delete_doc("File", file, force=True, ignore_permissions=True)
	for customer in customers:
		frappe.delete_doc("Customer", customer, force=True, ignore_permissions=True)
	frappe.db.commit()
