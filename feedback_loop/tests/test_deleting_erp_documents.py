"""Deleting an ERPNext document that feedback and revisits point at works as it does without the
app: the document goes, our records stay with a trace of it, and a revisit still to be sent about
it is cancelled. Every trigger is on, as the revisit plan turns them on."""

import frappe
from erpnext.selling.doctype.sales_order.sales_order import make_delivery_note

from feedback_loop.services.callbacks.triggers import clear_watched_cache
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import (
	make_contact,
	make_customer,
	make_feedback,
	make_issue,
	make_item,
	make_outgoing_email_account,
	make_sales_invoice,
	make_sales_order,
)


class TestDeletingERPNextDocuments(IntegrationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_outgoing_email_account()

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.set_value("Feedback Trigger", {"enabled": 0}, "enabled", 1)
		frappe.db.set_value("Feedback Trigger", {}, "throttle_days", 0)
		clear_watched_cache()
		self.customer = make_customer("Deleted Docs")
		self.email = f"{frappe.generate_hash(length=8)}@example.com"
		self.contact = make_contact(self.customer, email=self.email)
		frappe.db.set_value("Customer", self.customer, "customer_primary_contact", self.contact)

	def tearDown(self):
		frappe.db.rollback()
		clear_watched_cache()

	def revisit_about(self, doctype: str, name: str, status: str = "Scheduled") -> str:
		"""The revisit a trigger made about the document, or one made as a trigger would."""
		found = frappe.db.get_value(
			"Feedback Callback", {"reference_doctype": doctype, "reference_name": name}
		)
		if found:
			return found
		return (
			frappe.get_doc(
				{
					"doctype": "Feedback Callback",
					"callback_type": "After Order",
					"customer": self.customer,
					"contact": self.contact,
					"contact_email": self.email,
					"channel": "E-mail",
					"status": status,
					"due_on": frappe.utils.add_days(frappe.utils.now_datetime(), 3),
					"reference_doctype": doctype,
					"reference_name": name,
				}
			)
			.insert(ignore_permissions=True)
			.name
		)

	def assert_trace(self, doctype: str, name: str, record: str, field: str, revisit: str | None):
		self.assertFalse(frappe.db.exists(doctype, name))
		kept = frappe.db.get_value("Feedback Record", record, [field, "deleted_documents"], as_dict=True)
		self.assertIsNotNone(kept, "the feedback must stay")
		self.assertIsNone(kept[field])
		self.assertIn(f"{doctype} {name}", kept.deleted_documents)
		if revisit:
			after = frappe.db.get_value(
				"Feedback Callback",
				revisit,
				["reference_name", "status", "notes", "deleted_documents"],
				as_dict=True,
			)
			self.assertIsNotNone(after, "the revisit must stay")
			self.assertIsNone(after.reference_name)
			self.assertEqual(after.status, "Cancelled")
			self.assertIn(name, after.notes)
			self.assertIn(f"{doctype} {name}", after.deleted_documents)
		# Every record can be saved again: nothing points at the deleted document.
		frappe.get_doc("Feedback Record", record).save()

	def test_a_cancelled_sales_order_is_deleted(self):
		order = make_sales_order(self.customer, [make_item()])
		record = make_feedback(self.customer, sales_order=order).name
		revisit = self.revisit_about("Sales Order", order)
		frappe.get_doc("Sales Order", order).cancel()
		frappe.delete_doc("Sales Order", order)
		self.assert_trace("Sales Order", order, record, "sales_order", revisit)
		self.assertIsNone(frappe.db.get_value("Feedback Callback", revisit, "sales_order"))

	def test_the_trace_is_written_in_the_sites_language_whoever_deletes(self):
		order = make_sales_order(self.customer, [make_item()])
		record = make_feedback(self.customer, sales_order=order).name
		frappe.get_doc("Sales Order", order).cancel()
		frappe.local.lang = "zh"  # a Chinese-speaking user deletes it on an English site
		try:
			frappe.delete_doc("Sales Order", order)
		finally:
			frappe.local.lang = "en"
		self.assertEqual(frappe.get_system_settings("language"), "en")
		trace = frappe.db.get_value("Feedback Record", record, "deleted_documents")
		self.assertIn(f"Sales Order {order}", trace)
		self.assertNotIn("销售订单", trace)

	def test_a_cancelled_delivery_note_is_deleted(self):
		order = make_sales_order(self.customer, [make_item()])
		note = make_delivery_note(order)
		note.insert(ignore_permissions=True)
		note.submit()
		# "Delivery Note submitted" is on: the submit itself scheduled the revisit.
		revisit = frappe.db.get_value(
			"Feedback Callback", {"reference_doctype": "Delivery Note", "reference_name": note.name}
		)
		self.assertTrue(revisit, "the trigger should have scheduled a revisit")
		record = make_feedback(self.customer, delivery_note=note.name).name
		note.reload()
		note.cancel()
		frappe.delete_doc("Delivery Note", note.name)
		self.assert_trace("Delivery Note", note.name, record, "delivery_note", revisit)

	def test_a_cancelled_sales_invoice_is_deleted(self):
		# As ERPNext's own tests of a cancelled invoice's deletion: its ledger entries go with it.
		frappe.db.set_single_value("Accounts Settings", "delete_linked_ledger_entries", 1)
		invoice = make_sales_invoice(self.customer, make_item(), 120)
		revisit = frappe.db.get_value(
			"Feedback Callback", {"reference_doctype": "Sales Invoice", "reference_name": invoice}
		)
		self.assertTrue(revisit, "the trigger should have scheduled a revisit")
		record = make_feedback(self.customer, sales_invoice=invoice).name
		frappe.get_doc("Sales Invoice", invoice).cancel()
		frappe.delete_doc("Sales Invoice", invoice)
		self.assert_trace("Sales Invoice", invoice, record, "sales_invoice", revisit)

	def test_an_issue_is_deleted(self):
		issue = make_issue(self.customer)
		record = make_feedback(self.customer, issue=issue).name
		revisit = self.revisit_about("Issue", issue)
		frappe.delete_doc("Issue", issue)
		self.assert_trace("Issue", issue, record, "issue", revisit)

	def test_an_item_is_deleted_from_feedback_plans_and_analyses(self):
		item = make_item()
		record = make_feedback(self.customer, item=item).name
		plan = frappe.get_doc(
			{
				"doctype": "Improvement Plan",
				"title": "Stronger boxes",
				"item": item,
				"target_type": "Reduce Feedback Volume",
				"target_value": 50,
				"baseline_days": 30,
				"measurement_days": 30,
				"feedback_records": [{"feedback_record": record}],
				"actions": [
					{
						"measure": "Double-wall boxes",
						"owner_user": "Administrator",
						"due_date": frappe.utils.add_days(frappe.utils.today(), 10),
					}
				],
			}
		).insert(ignore_permissions=True)
		frappe.delete_doc("Item", item)
		self.assert_trace("Item", item, record, "item", None)
		kept = frappe.db.get_value("Improvement Plan", plan.name, ["item", "deleted_documents"], as_dict=True)
		self.assertIsNone(kept.item)
		self.assertIn(f"Item {item}", kept.deleted_documents)

	def test_a_customer_is_deleted(self):
		record = make_feedback(self.customer).name
		waiting = self.revisit_about("Customer", self.customer)
		order = make_sales_order(self.customer, [make_item()], submit=False)
		sent = self.revisit_about("Sales Order", order, status="Sent")
		frappe.delete_doc("Sales Order", order)
		frappe.delete_doc("Customer", self.customer)
		self.assert_trace("Customer", self.customer, record, "customer", waiting)
		# A survey already sent can still be answered: it stays Sent, without the customer link.
		self.assertEqual(frappe.db.get_value("Feedback Callback", sent, "status"), "Sent")
		self.assertIsNone(frappe.db.get_value("Feedback Callback", sent, "customer"))

	def test_a_contact_is_deleted(self):
		# Not the customer's primary contact: ERPNext itself refuses to delete that one.
		contact = make_contact(self.customer, email=f"{frappe.generate_hash(length=8)}@example.com")
		record = make_feedback(self.customer, contact=contact).name
		order = make_sales_order(self.customer, [make_item()])
		revisit = self.revisit_about("Sales Order", order)
		frappe.db.set_value("Feedback Callback", revisit, "contact", contact)
		frappe.delete_doc("Contact", contact)
		self.assert_trace("Contact", contact, record, "contact", None)
		# Nobody left to ask: the revisit to that contact is cancelled, its order link stays.
		after = frappe.db.get_value(
			"Feedback Callback", revisit, ["contact", "status", "reference_name"], as_dict=True
		)
		self.assertEqual((after.contact, after.status, after.reference_name), (None, "Cancelled", order))
		# The address the feedback came from stays on the record itself.
		self.assertTrue(frappe.db.get_value("Feedback Record", record, "name"))

	def test_a_failed_deletion_leaves_every_link_in_place(self):
		"""Something else of ERPNext still needs the order: the deletion fails as it does without
		the app, and our record still points at the order."""
		order = make_sales_order(self.customer, [make_item()])
		record = make_feedback(self.customer, sales_order=order).name
		note = make_delivery_note(order)
		note.insert(ignore_permissions=True)
		frappe.get_doc("Sales Order", order).cancel()
		frappe.db.savepoint("before_delete")
		with self.assertRaises(frappe.LinkExistsError):
			frappe.delete_doc("Sales Order", order)
		frappe.db.rollback(save_point="before_delete")
		self.assertEqual(frappe.db.get_value("Feedback Record", record, "sales_order"), order)
