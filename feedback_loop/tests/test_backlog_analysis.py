"""The analysis of an imported backlog a batch at a time decides what saving each record would
(services/triage/backlog.py), with a number of statements that does not grow with the batch.

The test site's baseline has routing and the priority rules off (site_baseline.py); the rules are
on here, since the batch counts their neighbours itself. test_routing.py covers imported records
being routed once analysed.
"""

import frappe
from frappe.utils import add_days, now_datetime

from feedback_loop.services.triage import analysis
from feedback_loop.services.triage.backlog import Neighbourhood, analyse_batch
from feedback_loop.tests.case import IntegrationTestCase, change_settings
from feedback_loop.tests.factories import make_contact, make_customer
from feedback_loop.tools.benchmarks.statements import counted_statements

#: Everything the analysis and the steps after it decide.
DECIDED = (
	"analysis_status",
	"text_language",
	"sentiment",
	"sentiment_score",
	"keywords",
	"needs_clarification",
	"category",
	"category_source",
	"suggested_category",
	"category_group",
	"comparison_text",
	"possible_duplicate_of",
	"duplicate_similarity",
	"priority",
	"priority_basis",
	"safety_suggested",
	"sla_policy",
	"first_response_due",
	"resolution_due",
	"response_sla_status",
	"resolution_sla_status",
)

TEXTS = [
	("快递晚到", "等了三天还没到，物流太慢了，包装也破损了。"),
	("Damaged cup", "The cup arrived broken, the box was crushed in delivery."),
	("快递晚到", "等了三天还没到，物流太慢了，包装也破损了！"),
	("发票问题", "请问发票什么时候能开出来？"),
	("Great service", "Quick delivery and friendly staff, thank you."),
	("漏电", "插上电源后外壳漏电，手被电了一下，太危险了。"),
]


def import_rows(rows: list[dict]) -> list[str]:
	"""As Data Import stores rows: the doctype's defaults, then the file's values; analysed later."""
	names = []
	frappe.flags.in_import = True
	try:
		for values in rows:
			doc = frappe.new_doc("Feedback Record")
			doc.update(values)
			doc.insert()
			names.append(doc.name)
	finally:
		frappe.flags.in_import = False
	return names


def decided(names: list[str]) -> dict[str, dict]:
	rows = frappe.get_all("Feedback Record", filters={"name": ("in", names)}, fields=["name", *DECIDED])
	return {row.pop("name"): row for row in rows}


class TestBacklogAnalysis(IntegrationTestCase):
	def setUp(self):
		self.customers = [make_customer(f"Backlog Customer {i}") for i in range(4)]
		self.contact = make_contact(self.customers[0], email="backlog@example.com")

	def backlog(self) -> list[str]:
		"""History of several customers: repeats, one problem told by several customers, a safety
		risk, a manual category, a sender without customer, a rejected record, old dates."""
		rows = []
		for i in range(24):
			subject, text = TEXTS[i % len(TEXTS)]
			rows.append(
				{
					"customer": self.customers[i % 4],
					"feedback_type": "Complaint",
					"channel": "Import",
					"subject": subject,
					"description": text,
					"received_on": add_days(now_datetime(), -(i % 9)),
				}
			)
		rows[4]["contact"] = self.contact
		rows[5]["category"] = "Late Delivery"
		rows[7].update({"customer": None, "channel": "Email", "sender": "walk-in@example.com"})
		rows[9]["status"] = "Invalid"
		rows[9]["status_reason"] = "Test"
		return import_rows(rows)

	@change_settings("Feedback Settings", {"apply_priority_rules": 1})
	def test_a_batch_decides_what_saving_each_record_decides(self):
		names = self.backlog()
		frappe.db.savepoint("imported")
		# One record at a time, twice: the second pass sees every record's category, as the batch
		# does (the first sees only the records analysed before it).
		analysis._reanalyse(names)
		analysis._reanalyse(names)
		one_at_a_time = decided(names)
		frappe.db.rollback(save_point="imported")
		self.assertEqual({row.analysis_status for row in decided(names).values()}, {"Pending Re-analysis"})

		self.assertEqual(analysis.analyse_pending_records(), len(names))
		batched = decided(names)
		for name in names:
			self.assertEqual(batched[name], one_at_a_time[name], name)
		# The backlog had something to find: categories, repeats and a crowd.
		values = list(batched.values())
		self.assertTrue(all(row.analysis_status == "Analysed" for row in values))
		self.assertGreater(sum(1 for row in values if row.possible_duplicate_of), 0)
		bases = [row.priority_basis for row in values]
		self.assertTrue(any('"rule": "many_customers"' in basis for basis in bases), bases)
		self.assertTrue(any('"rule": "repeated"' in basis for basis in bases), bases)
		self.assertTrue(any(row.safety_suggested for row in values))

	def test_statements_do_not_grow_with_the_batch(self):
		names = self.backlog()
		small, large = names[:6], names[6:]
		with counted_statements() as for_small:
			analyse_batch(small, Neighbourhood())
		with counted_statements() as for_large:
			analyse_batch(large, Neighbourhood())
		# Eighteen records against six: the same reads and one UPDATE per hundred records; a few
		# more for the comparison texts of records not analysed yet, never one per record.
		self.assertLessEqual(len(for_large), len(for_small) + 4, (for_small, for_large))

	def test_a_record_deleted_before_its_batch_is_left_out(self):
		names = self.backlog()
		frappe.delete_doc("Feedback Record", names[0], force=True)
		analysed, left = analyse_batch(names, Neighbourhood())
		self.assertEqual(left, [names[0]])
		self.assertEqual(analysed, names[1:])
