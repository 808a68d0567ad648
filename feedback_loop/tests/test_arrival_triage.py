"""API feedback stored the moment it arrives and triaged by a job right after
(services/triage/arrival.py): the same decisions as a triage in the request, made once, swept up
when the job is lost, the customer acknowledged once, nobody routed before the category is known."""

import frappe
from frappe.utils import add_to_date, get_datetime, now_datetime

from feedback_loop.services.intake.create import create_feedback
from feedback_loop.services.messages.acknowledgement import KIND as ACKNOWLEDGEMENT
from feedback_loop.services.triage.analysis import MAX_ATTEMPTS
from feedback_loop.services.triage.arrival import (
	triage_missed_records,
	triage_record,
	triage_waiting_records,
)
from feedback_loop.services.triage.priority import compute_priority
from feedback_loop.tests.case import IntegrationTestCase, change_settings, jobs_queued_not_run, lost_job
from feedback_loop.tests.factories import make_contact, make_customer, make_outgoing_email_account

#: Decided by the triage; the stored-first record and its twin triaged in the request agree.
TRIAGED = (
	"priority",
	"priority_basis",
	"sla_policy",
	"sla_started_on",
	"first_response_due",
	"resolution_due",
	"response_sla_status",
	"resolution_sla_status",
	"sentiment",
	"sentiment_score",
	"keywords",
	"category",
	"category_source",
	"category_group",
	"customer_segment",
	"reply_language",
	"customer_name",
	"customer_group",
	"territory",
	"analysis_status",
	"needs_clarification",
)


class TestArrivalTriage(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()

	def arrive(self, customer: str, *, later: bool = True, **values) -> str:
		"""An API request as on a live site: its jobs are queued, not run (tests run them at once)."""
		with jobs_queued_not_run():
			return create_feedback(
				{
					"feedback_type": "Complaint",
					"description": "快递晚到三天，包装破损，杯子碎了，要求退款。",
					"customer": customer,
					"urgency": "High",
					**values,
				},
				channel="API",
				external_id=frappe.generate_hash(length=12),
				triage_after_commit=later,
			).name

	def customer(self) -> str:
		customer = make_customer("Arrival Customer", language="zh")
		make_contact(customer, email=f"{frappe.generate_hash(length=8)}@arrival.example")
		return customer

	def test_stored_first_then_triaged_as_a_save_in_the_request_would(self):
		received = add_to_date(now_datetime(), hours=-2)
		stored = self.arrive(self.customer(), received_on=received)
		record = frappe.get_doc("Feedback Record", stored)
		self.assertEqual((record.triage_due, record.analysis_status), (1, "Pending Re-analysis"))
		# Only what the request decides by itself: the matrix's priority, nothing timed yet.
		self.assertEqual(record.priority, compute_priority("One Customer", "High", False))
		self.assertFalse(record.sla_policy or record.first_response_due or record.customer_segment)

		self.assertTrue(triage_record(stored))
		self.assertFalse(triage_record(stored), "a repeated job finds it done")
		twin = frappe.get_doc(
			"Feedback Record", self.arrive(self.customer(), later=False, received_on=received)
		)
		record.reload()
		self.assertEqual(record.triage_due, 0)
		self.assertEqual(twin.triage_due, 0)
		self.assertEqual(
			{field: record.get(field) for field in TRIAGED if field != "customer_name"},
			{field: twin.get(field) for field in TRIAGED if field != "customer_name"},
		)
		self.assertTrue(record.customer_name)  # fetched from the Customer by the triage's save
		self.assertEqual(get_datetime(record.sla_started_on), get_datetime(received))
		self.assertTrue(record.first_response_due)
		# Its triage is part of its arrival, not a change somebody made.
		self.assertFalse(frappe.db.exists("Version", {"ref_doctype": "Feedback Record", "docname": stored}))

	def test_a_record_entered_late_says_so_once_triaged(self):
		stored = self.arrive(self.customer(), received_on=add_to_date(now_datetime(), days=-20))
		triage_record(stored)
		self.assertEqual(frappe.db.get_value("Feedback Record", stored, "response_sla_status"), "Breached")
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{"reference_name": stored, "comment_type": "Info", "content": ("like", "%already passed%")},
			)
		)

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_each_job_triages_every_waiting_record_and_acknowledges_each_once(self):
		first, second = self.arrive(self.customer()), self.arrive(self.customer())
		self.assertFalse(self.acknowledgements(first))
		triage_waiting_records()
		triage_waiting_records()  # the second record's own job, finding nothing left
		for name in (first, second):
			self.assertEqual(frappe.db.get_value("Feedback Record", name, "triage_due"), 0)
			self.assertEqual(len(self.acknowledgements(name)), 1)

	def acknowledgements(self, name: str) -> list[str]:
		return frappe.get_all(
			"Feedback Message",
			filters={"feedback_record": name, "message_kind": ACKNOWLEDGEMENT},
			pluck="name",
		)

	def test_a_lost_job_is_swept_up_after_ten_minutes(self):
		fresh, lost = self.arrive(self.customer()), self.arrive(self.customer())
		lost_job("Feedback Record", lost)
		triage_missed_records()
		self.assertEqual(frappe.db.get_value("Feedback Record", lost, "triage_due"), 0)
		self.assertEqual(
			frappe.db.get_value("Feedback Record", fresh, "triage_due"), 1, "its job is on its way"
		)

	def test_an_agent_saving_it_first_triages_it_and_the_job_still_acknowledges(self):
		stored = self.arrive(self.customer())
		doc = frappe.get_doc("Feedback Record", stored)
		doc.expected_solution = "退款"
		doc.save(ignore_permissions=True)
		self.assertEqual(doc.analysis_status, "Analysed")
		self.assertTrue(doc.first_response_due)
		due = doc.first_response_due
		self.assertTrue(triage_record(stored))
		self.assertEqual(frappe.db.get_value("Feedback Record", stored, "first_response_due"), due)

	def test_a_record_that_cannot_be_triaged_is_tried_a_few_times_then_left(self):
		# Frappe hands a deleted record's number out again: an earlier run's logs may name it too.
		started = now_datetime()
		stored = self.arrive(self.customer())
		# A category deleted between the request and its job: Frappe's link check refuses the save.
		frappe.db.set_value("Feedback Record", stored, "category", "No Such Category")
		for _ in range(MAX_ATTEMPTS + 2):
			triage_waiting_records()
		state = frappe.db.get_value(
			"Feedback Record", stored, ["triage_due", "analysis_attempts", "analysis_status"], as_dict=True
		)
		self.assertEqual(
			(state.triage_due, state.analysis_attempts, state.analysis_status),
			(1, MAX_ATTEMPTS, "Pending Re-analysis"),
		)
		logged = frappe.db.count(
			"Error Log",
			{"reference_name": stored, "reference_doctype": "Feedback Record", "creation": (">=", started)},
		)
		self.assertEqual(logged, MAX_ATTEMPTS)
