"""A save that holds the day's naming-series row as briefly as possible, and the site caches it
reads instead of the database (issue: feedback under load as fast as an ERPNext Issue).

The test site's baseline has routing off (site_baseline.py), so a save is ours alone.
"""

import frappe

from feedback_loop.services.messages.acknowledgement import send_acknowledgement
from feedback_loop.services.sla.policy import enabled_policies, forget_policies, policy_for_record
from feedback_loop.tests.case import IntegrationTestCase, change_settings
from feedback_loop.tests.factories import (
	another_connection,
	make_contact,
	make_customer,
	make_feedback,
	take_a_number,
)
from feedback_loop.tests.test_sla import make_policy
from feedback_loop.tools.benchmarks.statements import counted_statements


def _after_series_lock(statements: list[str]) -> list[str]:
	(at,) = [i for i, s in enumerate(statements) if "`tabSeries`" in s and "FOR UPDATE" in s]
	return statements[at:]


class TestNamingLockHeldForTheInsertAlone(IntegrationTestCase):
	def setUp(self):
		self.customer = make_customer("Throughput Cafe")
		self.contact = make_contact(self.customer, email="throughput@example.com")

	# Tests run the acknowledgement job inline; on a site it is a job after the commit.
	@change_settings("Feedback Settings", {"send_acknowledgement": 0})
	def test_everything_is_decided_before_the_series_row_is_locked(self):
		text = "快递又晚到了，包装破损，要求退款！"
		# The caches a save reads are warm, as on a site that has recorded such feedback before.
		make_feedback(self.customer, contact=self.contact, description=text)
		with counted_statements() as seen:
			doc = make_feedback(self.customer, contact=self.contact, description=text)
		# Analysed, prioritised and timed, all before the name was drawn.
		self.assertEqual(doc.analysis_status, "Analysed")
		self.assertTrue(doc.sla_policy and doc.first_response_due)
		under_lock = _after_series_lock(seen)
		self.assertEqual(len(under_lock), 3, under_lock)  # the lock, the series update, the insert
		self.assertTrue(under_lock[-1].startswith("INSERT INTO `tabFeedback Record`"), under_lock)
		# The whole save, reads included, in ten statements.
		self.assertLessEqual(len(seen), 10, seen)

	def test_a_refused_record_never_takes_a_number(self):
		before = frappe.db.sql("select name, current from `tabSeries` where name like 'FB%%'")
		with self.assertRaises(frappe.ValidationError), counted_statements() as seen:
			make_feedback(self.customer, contact=self.contact, description="")
		self.assertFalse([s for s in seen if "`tabSeries`" in s], seen)
		self.assertEqual(
			frappe.db.sql("select name, current from `tabSeries` where name like 'FB%%'"), before
		)

	def test_a_later_save_of_the_same_object_decides_again(self):
		doc = make_feedback(self.customer, contact=self.contact, description="快递晚到。")
		doc.safety_or_legal_risk = 1
		doc.save()
		self.assertEqual(doc.priority, "Urgent")


class TestLookUpsBuiltOnce(IntegrationTestCase):
	"""A save's look-ups are built once per worker with placeholders and run with their values
	(integrations/frappe/prepared_statements.py)."""

	def test_quotes_and_percent_signs_reach_the_look_ups_as_values(self):
		customer = make_customer("O'Hara 100%(name)s Trading'); --")
		contact = make_contact(customer, email="o.hara@example.com")
		text = "第三次收到破损的包装，快递员也不肯等我签收。"
		first = make_feedback(customer, contact=contact, description=text)
		second = make_feedback(customer, contact=contact, description=text)
		# The duplicate look-up found the first by customer and contact; the reply language and the
		# segment's sales history were read for the same names.
		self.assertEqual(second.possible_duplicate_of, first.name)
		self.assertEqual(second.reply_language, "zh")
		self.assertEqual(second.customer_segment, "New")

	def test_a_categorys_reports_are_counted_from_an_index_that_holds_them(self):
		table = "tabFeedback Record"
		self.assertTrue(frappe.db.has_index(table, "fl_category_reports"))
		# The narrower index it replaced (patch count_reports_from_an_index) costs every insert.
		self.assertFalse(frappe.db.has_index(table, "category_received_on_index"))


class TestCachedPolicies(IntegrationTestCase):
	def tearDown(self):
		forget_policies()

	def test_a_condition_on_a_trees_root_is_no_condition(self):
		root = frappe.db.get_value("Customer Group", {"parent_customer_group": ("is", "not set")})
		policy = make_policy("Every Group", precedence=1, customer_group=root)
		(conditions,) = [p for p in enabled_policies() if p.name == policy.name]
		self.assertIsNone(conditions.customer_group)
		# Anonymous feedback has no customer group, and "All Customer Groups" still covers it.
		doc = frappe._dict(
			customer_group=None, territory=None, customer_segment=None, channel="Web", category=None
		)
		doc.priority = "Medium"
		self.assertEqual(policy_for_record(doc), policy.name)

	def test_a_policy_switched_off_is_forgotten_at_once(self):
		policy = make_policy("Switched Off")
		self.assertIn(policy.name, [p.name for p in enabled_policies()])
		policy.enabled = 0
		policy.save()
		self.assertNotIn(policy.name, [p.name for p in enabled_policies()])

	def test_a_rolled_back_policy_leaves_the_cache_too(self):
		policy = make_policy("Rolled Back")
		self.assertIn(policy.name, [p.name for p in enabled_policies()])
		frappe.db.rollback()
		self.assertNotIn(policy.name, [p.name for p in enabled_policies()])


class TestAcknowledgementOfADeletedRecord(IntegrationTestCase):
	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_the_job_for_a_deleted_record_ends_quietly(self):
		errors_before = frappe.db.count("Error Log")
		self.assertIsNone(send_acknowledgement("FB19990101999"))
		self.assertEqual(frappe.db.count("Error Log"), errors_before)


class TestNamingUnderSnapshotIsolation(IntegrationTestCase):
	"""MariaDB 11.8 (Frappe 16's) refuses a locking read of a row changed after the transaction's
	first read; a naming series' counter is such a row under load (write_conflicts.py)."""

	SERIES = "FLTEST-SNAPSHOT-"

	def setUp(self):
		self.other = another_connection()
		self.other.sql("delete from `tabSeries` where name = %s", (self.SERIES,))
		self.other.sql("insert into `tabSeries` (name, current) values (%s, 1)", (self.SERIES,))
		self.other.commit()

	def tearDown(self):
		frappe.db.rollback()
		self.other.sql("delete from `tabSeries` where name = %s", (self.SERIES,))
		self.other.commit()
		self.other.close()

	def _counter_changed_by_another_request_after_our_first_read(self):
		# Our snapshot starts with this read; the other request's change comes after it.
		frappe.db.sql("select current from `tabSeries` where name = %s", (self.SERIES,))
		self.other.sql("update `tabSeries` set current = current + 1 where name = %s", (self.SERIES,))
		self.other.commit()

	def _lock_counter(self) -> int:
		return frappe.db.sql("select current from `tabSeries` where name = %s for update", (self.SERIES,))[0][
			0
		]

	def test_an_intake_request_locks_the_counter_another_request_just_moved(self):
		from feedback_loop.services.deadlock_retry import retry_on_deadlock

		def work():
			self._counter_changed_by_another_request_after_our_first_read()
			return self._lock_counter()

		attempts = []
		self.assertEqual(retry_on_deadlock(lambda: attempts.append(1) or work()), 2)
		# First time: no refusal and so no retry (a retry would have found the counter at 3).
		self.assertEqual(len(attempts), 1)

	def test_an_agents_save_takes_the_number_another_request_just_moved(self):
		from frappe.model.naming import parse_naming_series

		customer = make_customer("Throughput Cafe")
		series = parse_naming_series("FB.YYYY.MM.DD.")
		frappe.db.sql("select current from `tabSeries` where name = %s", (series,))
		take_a_number(series)
		# The desk's save, not an intake request: no retry around it.
		self.assertTrue(make_feedback(customer, description="快递晚到。").name.startswith(series))

	def test_outside_intake_the_server_setting_is_kept(self):
		from feedback_loop.integrations.frappe.write_conflicts import SETTING, locking_reads_see_latest

		settings = frappe.db.sql("show variables like %s", (SETTING,))
		if not settings:
			# MariaDB 10 (Frappe 15's): locking reads always see the latest row.
			self._counter_changed_by_another_request_after_our_first_read()
			self.assertEqual(self._lock_counter(), 2)
			return
		before = frappe.db.sql(f"select @@session.{SETTING}")[0][0]
		with locking_reads_see_latest():
			self.assertEqual(frappe.db.sql(f"select @@session.{SETTING}")[0][0], 0)
		self.assertEqual(frappe.db.sql(f"select @@session.{SETTING}")[0][0], before)
		if before:
			self._counter_changed_by_another_request_after_our_first_read()
			with self.assertRaises(frappe.QueryDeadlockError):
				self._lock_counter()
