"""SLA engine on a real site: policy choice, due moments, pause, the sweep, escalation, recompute."""

import json
from zoneinfo import ZoneInfo

import frappe
from frappe.desk.doctype.notification_settings.notification_settings import create_notification_settings
from frappe.utils import get_datetime, get_system_timezone

from feedback_loop.core.messages.moments import utc_offset
from feedback_loop.services.sla.calendar_source import clear_calendar_cache
from feedback_loop.services.sla.policy import forget_policies
from feedback_loop.services.sla.sweep import sweep
from feedback_loop.tests.case import IntegrationTestCase, change_settings
from feedback_loop.tests.factories import make_customer, make_feedback, make_user

WINDOWS = [("09:00:00", "12:00:00"), ("13:30:00", "18:00:00")]
MONDAY = "2026-11-23"  # a Monday


def make_policy(name, **values):
	# Test classes roll back only at their end: a policy of an earlier test may still be there.
	if frappe.db.exists("Feedback SLA Policy", name):
		frappe.delete_doc("Feedback SLA Policy", name, force=True)
	doc = frappe.get_doc(
		{
			"doctype": "Feedback SLA Policy",
			"policy_name": name,
			"enabled": 1,
			"precedence": 10,
			"timezone": get_system_timezone(),
			"working_windows": [
				{"weekday": day, "start_time": start, "end_time": end}
				for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
				for start, end in WINDOWS
			],
			"targets": [
				{
					"priority": p,
					"response_time": 2,
					"response_unit": "Working Hours",
					"resolution_time": r,
					"resolution_unit": u,
				}
				for p, r, u in (
					("Urgent", 24, "Clock Hours"),
					("High", 3, "Working Days"),
					("Medium", 5, "Working Days"),
					("Low", 10, "Working Days"),
				)
			],
			"pause_statuses": "Waiting on Customer",
			"fulfil_statuses": "Resolved\nClosed\nInvalid\nDuplicate",
			**values,
		}
	)
	return doc.insert()


class SlaTestCase(IntegrationTestCase):
	def setUp(self):
		clear_calendar_cache()
		# Only the policies a test makes take part.
		frappe.db.set_value("Feedback SLA Policy", {"enabled": 1}, "enabled", 0)
		forget_policies()
		self.customer = make_customer("SLA Customer")

	def tearDown(self):
		clear_calendar_cache()
		forget_policies()

	def feedback_at(self, moment, **values):
		with self.freeze_time(moment):
			return make_feedback(self.customer, **values)

	def reload(self, doc):
		doc.reload()
		return doc


class TestPolicyChoice(SlaTestCase):
	def test_precedence_and_parent_customer_group(self):
		parent = frappe.get_doc(
			{"doctype": "Customer Group", "customer_group_name": "FL Parent Group", "is_group": 1}
		).insert()
		child = frappe.get_doc(
			{
				"doctype": "Customer Group",
				"customer_group_name": "FL Child Group",
				"parent_customer_group": parent.name,
			}
		).insert()
		frappe.db.set_value("Customer", self.customer, "customer_group", child.name)
		make_policy("FL Default", is_default=1, precedence=100)
		make_policy("FL Parent Group Policy", precedence=5, customer_group=parent.name)
		make_policy("FL Phone Policy", precedence=1, channel="Phone")

		self.assertEqual(make_feedback(self.customer).sla_policy, "FL Parent Group Policy")
		self.assertEqual(make_feedback(self.customer, channel="Phone").sla_policy, "FL Phone Policy")
		other = make_customer("Other SLA Customer")
		self.assertEqual(make_feedback(other).sla_policy, "FL Default")

	def test_no_policy_no_clock(self):
		doc = make_feedback(self.customer)
		self.assertFalse(doc.sla_policy)
		self.assertIsNone(doc.resolution_due)


class TestDueMomentsAndPause(SlaTestCase):
	def setUp(self):
		super().setUp()
		make_policy("FL Office Hours", is_default=1)

	def test_working_day_targets_skip_the_weekend(self):
		doc = self.feedback_at(f"{MONDAY} 10:00:00", urgency="High")  # One Customer × High = Medium
		self.assertEqual(doc.priority, "Medium")
		self.assertEqual(get_datetime(doc.first_response_due), get_datetime(f"{MONDAY} 12:00:00"))
		self.assertEqual(get_datetime(doc.resolution_due), get_datetime("2026-11-30 10:00:00"))
		self.assertEqual(doc.response_sla_status, "On Track")

	def test_clock_hours_ignore_working_hours(self):
		doc = self.feedback_at("2026-11-27 17:00:00", safety_or_legal_risk=1)  # Friday, Urgent
		self.assertEqual(get_datetime(doc.resolution_due), get_datetime("2026-11-28 17:00:00"))

	def test_pause_and_resume_move_the_due_moment_by_the_working_time_paused(self):
		doc = self.feedback_at(f"{MONDAY} 10:00:00", urgency="High")
		due = get_datetime(doc.resolution_due)
		with self.freeze_time(f"{MONDAY} 11:00:00"):
			self.reload(doc).update({"status": "Waiting on Customer"}).save()
		self.assertEqual((doc.resolution_sla_status, doc.response_sla_status), ("Paused", "Met"))
		with self.freeze_time(f"{MONDAY} 15:00:00"):  # 1 h before lunch + 1.5 h after = 2.5 working hours
			self.reload(doc).update({"status": "In Progress"}).save()
		self.assertAlmostEqual(doc.paused_working_hours, 2.5)
		# Due Monday 10:00 a week later, plus 2.5 working hours across the lunch break.
		self.assertEqual(due, get_datetime("2026-11-30 10:00:00"))
		self.assertEqual(get_datetime(doc.resolution_due), get_datetime("2026-11-30 14:00:00"))
		self.assertEqual(doc.resolution_sla_status, "On Track")

	def test_resolving_in_time_is_met(self):
		doc = self.feedback_at(f"{MONDAY} 10:00:00")
		with self.freeze_time(f"{MONDAY} 16:00:00"):
			self.reload(doc).update(
				{"status": "Resolved", "resolution_summary": "<p>Sent a new cup.</p>"}
			).save()
		self.assertEqual(doc.resolution_sla_status, "Met")
		# Nobody answered before the response was due at 12:00: resolving at 16:00 is a late response.
		self.assertEqual(get_datetime(doc.first_responded_on), get_datetime(f"{MONDAY} 16:00:00"))
		self.assertEqual(doc.response_sla_status, "Breached")

	def test_an_email_sent_from_the_record_is_the_first_response(self):
		doc = self.feedback_at(f"{MONDAY} 10:00:00")
		with self.freeze_time(f"{MONDAY} 10:30:00"):
			frappe.get_doc(
				{
					"doctype": "Communication",
					"communication_type": "Communication",
					"communication_medium": "Email",
					"sent_or_received": "Sent",
					"subject": "Re: your feedback",
					"content": "We are on it.",
					"reference_doctype": "Feedback Record",
					"reference_name": doc.name,
				}
			).insert(ignore_permissions=True)
		self.reload(doc)
		self.assertEqual(get_datetime(doc.first_responded_on), get_datetime(f"{MONDAY} 10:30:00"))
		self.assertEqual(doc.response_sla_status, "Met")

	def test_the_header_names_the_clock_that_matters_and_the_time_left(self):
		from frappe.desk.form.load import run_onload

		from feedback_loop.services.sla.indicator import sla_indicator

		doc = self.feedback_at(f"{MONDAY} 10:00:00", urgency="High")  # Medium: respond by 12:00

		def label(moment):
			return sla_indicator(doc, get_datetime(f"{MONDAY} {moment}"))["label"]

		self.assertEqual(label("10:40:00"), "On Track · First response due in 1 h 20 min")
		# Warned at 80 % of the two working hours (11:36), breached from 12:00.
		self.assertEqual(label("11:50:00"), "At Risk · First response due in 10 min")
		late = sla_indicator(doc, get_datetime(f"{MONDAY} 12:30:00"))
		self.assertEqual(
			(late["label"], late["colour"]), ("Breached · First response overdue by 30 min", "red")
		)
		frappe.local.lang = "zh"
		try:
			self.assertEqual(label("10:40:00"), "正常 · 首次响应剩余 1小时20分钟")
		finally:
			frappe.local.lang = "en"
		# Answered: the resolution, due a week later (five working days).
		doc.first_responded_on = f"{MONDAY} 10:30:00"
		self.assertEqual(
			sla_indicator(doc, get_datetime("2026-11-24 09:00:00"))["label"],
			"On Track · Resolution due in 6 d 1 h",
		)
		# The form gets it with the record.
		with self.freeze_time(f"{MONDAY} 10:40:00"):
			doc = frappe.get_doc("Feedback Record", doc.name)
			run_onload(doc)
			self.assertEqual(
				doc.get_onload().sla_indicator["label"], "On Track · First response due in 1 h 20 min"
			)

	def test_a_higher_priority_recomputes_the_due_moment(self):
		doc = self.feedback_at(f"{MONDAY} 10:00:00", urgency="High")
		with self.freeze_time(f"{MONDAY} 11:00:00"):
			self.reload(doc).update(
				{"impact": "Many Customers"}
			).save()  # Many × High = Urgent: 24 clock hours
		self.assertEqual(get_datetime(doc.resolution_due), get_datetime("2026-11-24 10:00:00"))


class TestSweepAndEscalation(SlaTestCase):
	def setUp(self):
		super().setUp()
		self.manager = make_user("fl-sla-manager@example.com", ["Feedback Manager"])
		self.backup = make_user("fl-sla-backup@example.com", ["Feedback Agent"])
		# In tests Frappe sends an assignment's notification e-mail at once, and sending commits
		# the transaction: the policies below would outlive the test class. Nobody here needs
		# the e-mail, so these two users do not get it.
		for user in (self.manager, self.backup):
			create_notification_settings(user)
			frappe.db.set_value("Notification Settings", user, "enable_email_notifications", 0)
		make_policy(
			"FL Escalating",
			is_default=1,
			escalations=[
				{"trigger": "At Warning", "action": "Notify Assignee"},
				{"trigger": "At Breach", "action": "Notify Role", "role": "Feedback Manager"},
				{
					"trigger": "After Breach",
					"delay_working_hours": 7.5,
					"action": "Reassign",
					"reassign_to": self.backup,
				},
				{"trigger": "After Breach", "delay_working_hours": 7.5, "action": "Raise Priority"},
			],
		)

	def escalation_comments(self, doc):
		return frappe.get_all(
			"Comment",
			filters={"reference_name": doc.name, "comment_type": "Info", "content": ("like", "%escalated%")},
			pluck="content",
		)

	def test_untouched_feedback_breaches_and_escalates_once_per_level(self):
		doc = self.feedback_at(f"{MONDAY} 10:00:00", urgency="Low")  # Low: 10 working days
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": self.manager,
				"reference_type": doc.doctype,
				"reference_name": doc.name,
				"description": "Look after this feedback",
			}
		).insert(ignore_permissions=True)
		self.reload(doc)
		assignees = doc.get("_assign")

		# 80 % of 10 working days is 8 working days: Thursday of the next week, 10:00.
		for _ in range(2):
			sweep(get_datetime("2026-12-03 10:00:00"))
		self.reload(doc)
		self.assertEqual(doc.resolution_sla_status, "At Risk")
		self.assertEqual(doc.escalation_level, 1)

		for _ in range(2):
			sweep(get_datetime("2026-12-07 10:00:00"))  # due Monday 10:00 two weeks later
		self.reload(doc)
		self.assertEqual(doc.resolution_sla_status, "Breached")
		self.assertEqual(doc.response_sla_status, "Breached")
		self.assertEqual(json.loads(doc.assigned_at_breach), json.loads(assignees))
		self.assertEqual(doc.escalation_level, 2)

		for _ in range(2):
			sweep(get_datetime("2026-12-08 10:00:00"))  # one working day after the breach
		self.reload(doc)
		self.assertEqual(doc.escalation_level, 4)
		self.assertEqual(doc.priority, "Medium")
		self.assertEqual(json.loads(doc.get("_assign")), [self.backup])
		self.assertEqual(len(self.escalation_comments(doc)), 4)

		# The raised priority survives the next save.
		doc.update({"subject": "Still waiting"}).save()
		self.assertEqual(doc.priority, "Medium")

	def test_a_sweep_that_falls_behind_fires_every_level_in_order(self):
		doc = self.feedback_at(f"{MONDAY} 10:00:00", urgency="Low")
		sweep(get_datetime("2026-12-09 10:00:00"))
		self.reload(doc)
		self.assertEqual(doc.escalation_level, 4)
		self.assertEqual(len(self.escalation_comments(doc)), 4)


class TestRecomputeOnHolidayListChange(SlaTestCase):
	def test_a_new_holiday_moves_open_due_moments(self):
		holidays = frappe.get_doc(
			{
				"doctype": "Holiday List",
				"holiday_list_name": "FL Holidays",
				"from_date": "2026-01-01",
				"to_date": "2026-12-31",
				"holidays": [{"holiday_date": "2026-11-26", "description": "Thanksgiving"}],
			}
		).insert()
		make_policy("FL With Holidays", is_default=1, holiday_list=holidays.name)
		doc = self.feedback_at(f"{MONDAY} 10:00:00", impact="Several Customers", urgency="High")
		self.assertEqual(doc.priority, "High")
		# 3 working days: Tuesday, Wednesday, (Thursday off) Friday.
		self.assertEqual(get_datetime(doc.resolution_due), get_datetime("2026-11-27 10:00:00"))

		holidays.append("holidays", {"holiday_date": "2026-11-27", "description": "Day after"})
		holidays.save()
		self.reload(doc)
		self.assertEqual(get_datetime(doc.resolution_due), get_datetime("2026-11-30 10:00:00"))


class TestBadPolicies(SlaTestCase):
	def assert_refused(self, text, **values):
		with self.assertRaises(frappe.ValidationError) as raised:
			make_policy("FL Bad", **values)
		self.assertIn(text, str(raised.exception))

	def test_bad_configurations_are_refused_with_a_clear_message(self):
		overlap = [
			{"weekday": "Monday", "start_time": "09:00:00", "end_time": "12:00:00"},
			{"weekday": "Monday", "start_time": "11:00:00", "end_time": "13:00:00"},
		]
		self.assert_refused("overlap", working_windows=overlap)
		backwards = [{"weekday": "Monday", "start_time": "18:00:00", "end_time": "09:00:00"}]
		self.assert_refused("end after it starts", working_windows=backwards)
		self.assert_refused("Time zone", timezone="Mars/Olympus")
		zero = [
			{
				"priority": "Low",
				"response_time": 0,
				"response_unit": "Working Hours",
				"resolution_time": 1,
				"resolution_unit": "Working Days",
			}
		]
		self.assert_refused("more than 0", targets=zero)
		self.assert_refused("not a feedback status", pause_statuses="Sleeping")

	def test_no_working_time_at_all(self):
		with self.assertRaises(frappe.ValidationError):
			make_policy("FL Empty", working_windows=[])


class TestPreview(SlaTestCase):
	def edited(self, **values):
		import json

		policy = make_policy("FL Preview").as_dict()
		policy.update(values)
		return json.dumps(policy, default=str)

	def test_the_preview_gives_each_prioritys_due_moments(self):
		from feedback_loop.api.sla import preview_due_moments

		moments = preview_due_moments(self.edited(), start="2026-11-23 10:00:00")
		self.assertEqual({m["priority"] for m in moments}, {"Urgent", "High", "Medium", "Low"})
		start = get_datetime("2026-11-23 10:00:00")
		self.assertTrue(all(m["first_response_due"] > start for m in moments))

	def test_trying_a_start_moment_is_no_field_of_the_policy(self):
		# The moment to preview from was a stored Datetime the form set on every opening: each
		# policy opened "Not Saved", and saving it filled the history with preview moments.
		meta = frappe.get_meta("Feedback SLA Policy")
		self.assertIsNone(meta.get_field("preview_start"))
		self.assertEqual(
			[f.fieldname for f in meta.fields if f.fieldname.startswith("preview")],
			["preview_section", "preview_html"],
		)

	def test_the_targets_table_leaves_room_for_the_units(self):
		# It shared its section with a column of statuses: half the form's width, where "Working
		# Hours" was cut off. Now it has the width to itself, two of Frappe's grid columns each.
		fields = [f.fieldname for f in frappe.get_meta("Feedback SLA Policy").fields]
		after = frappe.get_meta("Feedback SLA Policy").get_field(fields[fields.index("targets") + 1])
		self.assertEqual(after.fieldtype, "Section Break")
		listed = [f for f in frappe.get_meta("Feedback SLA Target").fields if f.in_list_view]
		# Frappe's grid has 10 of 12 columns for fields and leaves out whatever does not fit.
		self.assertLessEqual(sum(f.columns for f in listed), 10)
		self.assertTrue(all(f.columns >= 2 for f in listed))

	def test_a_row_still_being_filled_in_previews_nothing(self):
		# A new policy opens with a Monday without hours; the preview had answered with a 500.
		from feedback_loop.api.sla import preview_due_moments

		half_filled = [{"weekday": "Monday", "start_time": None, "end_time": None}]
		self.assertEqual(preview_due_moments(self.edited(working_windows=half_filled)), [])
		no_end = [{"weekday": "Monday", "start_time": "09:00:00", "end_time": ""}]
		self.assertEqual(preview_due_moments(self.edited(working_windows=no_end)), [])


class TestPriorityMatrixAndAcknowledgement(SlaTestCase):
	def test_an_edited_matrix_sets_the_priority(self):
		settings = frappe.get_single("Feedback Settings")
		for row in settings.priority_matrix:
			if (row.impact, row.urgency) == ("One Customer", "Low"):
				row.priority = "High"
		settings.save()
		self.assertEqual(make_feedback(self.customer, urgency="Low").priority, "High")

	def test_an_incomplete_matrix_is_refused(self):
		settings = frappe.get_single("Feedback Settings")
		settings.priority_matrix = settings.priority_matrix[:-1]
		with self.assertRaises(frappe.ValidationError):
			settings.save()

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_the_acknowledgement_promises_the_policy_moment(self):
		from feedback_loop.services.messages.acknowledgement import render_acknowledgement

		make_policy("FL Promise", is_default=1)
		doc = self.feedback_at(f"{MONDAY} 10:00:00")
		_, message = render_acknowledgement(doc, "en")
		# With the time zone it is given in: the policy's, here the site's.
		offset = utc_offset(ZoneInfo(get_system_timezone()).utcoffset(get_datetime(f"{MONDAY} 12:00:00")))
		self.assertIn(f"We will reply by 2026-11-23 12:00 ({offset}).", message)
		_, message = render_acknowledgement(doc, "zh")
		self.assertIn(f"我们将于 2026-11-23 12:00 ({offset}) 前回复您", message)

	@change_settings("Feedback Settings", {"send_acknowledgement": 1})
	def test_a_policy_in_another_time_zone_promises_on_its_own_clock(self):
		from feedback_loop.services.messages.acknowledgement import promised_reply_moment

		make_policy("FL Promise Shanghai", is_default=1, timezone="Asia/Shanghai")
		doc = self.feedback_at("2026-11-23 21:00:00")  # Tuesday 10:00 in Shanghai (New York in tests)
		moment = promised_reply_moment(doc)
		self.assertTrue(moment.endswith("(UTC+08:00)"), moment)
