"""A burst of new records is acknowledged by one job, and their messages delivered by one job
(services/messages/acknowledgement.py, outbound.py): the record is marked by its insert, each job
takes every mark then waiting, a lost job is swept up, a failure is logged once and not retried
for ever, a deleted record is nobody to acknowledge."""

from unittest.mock import patch

import frappe
from frappe.utils import now_datetime

from feedback_loop.integrations.frappe.after_commit_jobs import QueueUnlessWaiting
from feedback_loop.services.messages.acknowledgement import (
	KIND,
	acknowledge_missed_records,
	acknowledge_waiting_records,
	send_acknowledgement,
)
from feedback_loop.services.messages.outbound import deliver_queued
from feedback_loop.tests.case import IntegrationTestCase, change_settings, jobs_queued_not_run, lost_job
from feedback_loop.tests.factories import (
	make_contact,
	make_customer,
	make_feedback,
	make_outgoing_email_account,
)
from feedback_loop.tests.test_backlog_analysis import import_rows


def queued_methods(steps: list) -> list[str]:
	"""The methods of the jobs a commit would queue: ours (`QueueUnlessWaiting`) and Frappe's own
	`enqueue(..., enqueue_after_commit=True)` (a closure over the job's arguments)."""
	methods = []
	for step in steps:
		if isinstance(step, QueueUnlessWaiting):
			methods.append(step.method)
		for cell in getattr(step, "__closure__", None) or ():
			value = cell.cell_contents
			if isinstance(value, dict) and isinstance(value.get("method"), str):
				methods.append(value["method"])
	return methods


class TestAcknowledgementsPerBurst(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()

	def setUp(self):
		self.customer = make_customer(f"Burst Customer {frappe.generate_hash(length=6)}")
		self.contact = make_contact(
			self.customer, email=f"burst-{frappe.generate_hash(length=6)}@example.com"
		)

	def saved_as_on_a_live_site(self, count: int) -> tuple[list[str], list]:
		"""`count` agents' saves whose jobs wait for a worker; (their names, what their commits
		would queue)."""
		with jobs_queued_not_run():
			names = [
				make_feedback(self.customer, contact=self.contact, subject=f"第{i}次晚到").name
				for i in range(count)
			]
			queued = list(frappe.db.after_commit._functions)
		return names, queued

	def acknowledgements(self, name: str) -> list[dict]:
		return frappe.get_all(
			"Feedback Message",
			filters={"feedback_record": name, "message_kind": KIND},
			fields=["name", "status"],
		)

	def marked(self, name: str) -> int:
		return frappe.db.get_value("Feedback Record", name, "acknowledgement_due")

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_a_burst_is_acknowledged_by_one_job(self):
		names, queued = self.saved_as_on_a_live_site(3)
		# Each commit asks for the one job of its kind, never a job per record.
		self.assertEqual(
			[method for method in queued_methods(queued) if "acknowledg" in method],
			["feedback_loop.services.messages.acknowledgement.acknowledge_waiting_records"] * 3,
		)
		for name in names:
			self.assertEqual(self.marked(name), 1)
			self.assertEqual(self.acknowledgements(name), [])

		self.assertGreaterEqual(acknowledge_waiting_records(), 3)
		for name in names:
			self.assertEqual(self.marked(name), 0)
			self.assertEqual([m.status for m in self.acknowledgements(name)], ["Sent"])
		self.assertEqual(acknowledge_waiting_records(), 0, "a second job finds nothing left")

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_the_messages_of_a_burst_are_delivered_by_one_job(self):
		names, _queued = self.saved_as_on_a_live_site(2)
		with jobs_queued_not_run():
			for name in names:
				send_acknowledgement(name)
			queued = list(frappe.db.after_commit._functions)
		self.assertEqual(
			[method for method in queued_methods(queued) if "outbound" in method],
			["feedback_loop.services.messages.outbound.deliver_queued"] * 2,
		)
		for name in names:
			self.assertEqual([m.status for m in self.acknowledgements(name)], ["Queued"])
		self.assertGreaterEqual(deliver_queued(), 2)
		for name in names:
			self.assertEqual([m.status for m in self.acknowledgements(name)], ["Sent"])
		self.assertEqual(deliver_queued(), 0, "a second job finds nothing left")

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_tests_and_a_full_queue_acknowledge_at_once(self):
		doc = make_feedback(self.customer, contact=self.contact)
		self.assertEqual(self.marked(doc.name), 0)
		self.assertEqual(len(self.acknowledgements(doc.name)), 1)

	@change_settings("Feedback Settings", {"send_acknowledgement": 0})
	def test_nothing_is_marked_when_acknowledgements_are_off(self):
		names, _queued = self.saved_as_on_a_live_site(1)
		self.assertEqual(self.marked(names[0]), 0)

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_imported_history_is_never_marked_whatever_its_file_says(self):
		(name,) = import_rows(
			[
				{
					"customer": self.customer,
					"contact": self.contact,
					"feedback_type": "Complaint",
					"subject": "去年的投诉",
					"description": "包装破损。",
					"acknowledgement_due": 1,
				}
			]
		)
		self.assertEqual(self.marked(name), 0)
		self.assertEqual(self.acknowledgements(name), [])

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_a_lost_job_is_swept_up(self):
		(fresh, lost), _queued = self.saved_as_on_a_live_site(2)
		lost_job("Feedback Record", lost)
		self.assertGreaterEqual(acknowledge_missed_records(), 1)
		self.assertEqual(len(self.acknowledgements(lost)), 1)
		self.assertEqual(self.marked(fresh), 1, "its job is on its way")

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_a_deleted_record_is_nobody_to_acknowledge(self):
		(name,), _queued = self.saved_as_on_a_live_site(1)
		frappe.delete_doc("Feedback Record", name, force=True, ignore_permissions=True)
		acknowledge_waiting_records()
		self.assertFalse(frappe.db.exists("Feedback Message", {"feedback_record": name}))

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_a_failure_is_logged_once_and_not_retried_for_ever(self):
		started = now_datetime()
		(failing, fine), _queued = self.saved_as_on_a_live_site(2)
		from feedback_loop.services.messages import acknowledgement

		real = acknowledgement.send_acknowledgement

		def send(name):
			if name == failing:
				raise RuntimeError("the template could not be rendered")
			return real(name)

		with patch.object(acknowledgement, "send_acknowledgement", send):
			self.assertGreaterEqual(acknowledge_waiting_records(), 1)
			self.assertEqual(acknowledge_waiting_records(), 0, "not tried again")
		self.assertEqual(self.marked(failing), 0)
		self.assertEqual(len(self.acknowledgements(fine)), 1)
		self.assertEqual(self.acknowledgements(failing), [])
		logged = frappe.db.count(
			"Error Log",
			{"reference_name": failing, "reference_doctype": "Feedback Record", "creation": (">=", started)},
		)
		self.assertEqual(logged, 1)
