"""What the browser suite (browser_tests/, run by scripts/browser-tests) needs on a site, and its removal.

    bench --site test2.localhost execute feedback_loop.tests.browser_fixtures.set_up
    bench --site test2.localhost execute feedback_loop.tests.browser_fixtures.tear_down

`set_up` commits and returns (bench execute prints it as one JSON line): users with a password for each
role and language (an English user and a Chinese one, whose language is zh), a customer with a
contact and an e-mail, portal users linked to it through their own Contacts, another customer with
feedback the portal users must not see, one sent survey link per language and viewport, feedback
for an analysis, a draft Improvement Plan and a disabled SLA policy per language. Running it again
replaces what a journey may have used up (answered links, moved plans) with fresh ones.

`tear_down` deletes all of it and everything the journeys made: every name, title, e-mail and key
starts with PREFIX / USER_PREFIX, and every record of the two customers goes with them. It
returns what was left: nothing, or it raises.
"""

import functools
import traceback

import frappe
from frappe.model.delete_doc import delete_dynamic_links
from frappe.utils import add_days, now_datetime, nowdate
from frappe.utils.password import update_password

from feedback_loop.services.callbacks.links import token_for
from feedback_loop.tests.factories import leaf, make_feedback, make_sent_survey

PREFIX = "FLB"
USER_PREFIX = "flb-"
DOMAIN = "example.com"
PASSWORD = "Flb-browser-2026!"
LANGUAGES = ("en", "zh")
VIEWPORTS = ("desktop", "phone")
CUSTOMER = f"{PREFIX} Customer"
OTHER_CUSTOMER = f"{PREFIX} Other Customer"
#: persona → roles; each persona has one user per language.
PERSONAS = {
	# Agents open feedback from a Customer page: ERPNext's own role for customers comes with it
	# (docs/permissions.md, "Rights on other apps' doctypes").
	"agent": ["Feedback Agent", "Sales User"],
	"analyst": ["Quality Analyst"],
	"manager": ["Feedback Manager"],
	"admin": ["System Manager"],
	"portal": ["Customer"],
}
#: The app's public endpoints the journeys post to, rate limited per address.
RATE_LIMITED = "rl:feedback_loop.api."


def user_email(persona: str, language: str) -> str:
	return f"{USER_PREFIX}{persona}-{language}@{DOMAIN}"


def _reported(function):
	"""`bench execute` answers any exception with a NameError of its own: print the real one first."""

	@functools.wraps(function)
	def wrapper(*args, **kwargs):
		try:
			return function(*args, **kwargs)
		except Exception:
			traceback.print_exc()
			raise

	return wrapper


@_reported
def set_up() -> dict:
	frappe.set_user("Administrator")
	_remove_journey_records()
	_reset_rate_limits()
	users = {
		persona: {language: _user(persona, language, roles) for language in LANGUAGES}
		for persona, roles in PERSONAS.items()
	}
	customer = _customer(CUSTOMER)
	contact = _contact(customer, f"{PREFIX} Contact", f"{USER_PREFIX}contact@{DOMAIN}")
	frappe.db.set_value("Customer", customer, "customer_primary_contact", contact)
	for language in LANGUAGES:
		_contact(
			customer, f"{PREFIX} Portal {language}", users["portal"][language], user=users["portal"][language]
		)
	# The plan journey shows the seeds' two approval levels (the default of a new site).
	frappe.db.set_single_value("Feedback Settings", "plan_senior_approval", "Always")
	other_customer = _customer(OTHER_CUSTOMER)
	other_contact = _contact(other_customer, f"{PREFIX} Other Contact", f"{USER_PREFIX}other@{DOMAIN}")
	other_feedback = _feedback(
		other_customer, other_contact, f"{PREFIX} another customer's complaint", "The invoice was wrong."
	)
	fixtures = {
		"prefix": PREFIX,
		"password": PASSWORD,
		"users": users,
		"customer": customer,
		"contact": contact,
		"other_customer": other_customer,
		"other_feedback": other_feedback,
		"surveys": {},
		"analysis_feedback": {},
		"plans": {},
		"sla_policies": {},
		"campaigns": {},
	}
	template = frappe.db.get_value("Feedback Survey Template", {"template_name": "Post-order CSAT"})
	for language in LANGUAGES:
		for viewport in VIEWPORTS:
			fixtures["surveys"][f"{language}-{viewport}"] = _survey_token(
				customer, contact, template, language, viewport
			)
		fixtures["analysis_feedback"][language] = _feedback(
			customer,
			contact,
			f"{PREFIX} analysis {language}: cups arrive broken",
			"包裹破损，杯子碎了。" if language == "zh" else "The box was crushed and the cup was broken.",
		)
		plan_feedback = _feedback(
			customer, contact, f"{PREFIX} plan {language}: late delivery", "The parcel came three days late."
		)
		fixtures["plans"][language] = _plan(language, users["manager"][language], plan_feedback)
		fixtures["sla_policies"][language] = _sla_policy(language)
		fixtures["campaigns"][language] = _campaign(language, customer, template)
	frappe.db.commit()
	return fixtures


@_reported
def tear_down() -> dict:
	"""Delete the fixtures and what the journeys made; raise when anything is left."""
	frappe.set_user("Administrator")
	frappe.db.rollback()
	started = now_datetime()
	_remove_journey_records()
	for doctype, filters in (
		("Contact", {"first_name": ("like", f"{PREFIX} %")}),
		("Customer", {"customer_name": ("in", [CUSTOMER, OTHER_CUSTOMER])}),
	):
		for name in frappe.get_all(doctype, filters=filters, pluck="name"):
			_delete(doctype, name)
	for name in frappe.get_all("User", filters={"name": ("like", f"{USER_PREFIX}%@{DOMAIN}")}, pluck="name"):
		_delete("User", name)
	_remove_user_traces(started)
	_reset_rate_limits()
	frappe.db.commit()
	left = leftovers()
	if left:
		raise AssertionError(f"browser fixtures left behind: {left}")
	return {"left": left}


def leftovers() -> dict:
	"""Rows still carrying the suite's marks."""
	user_like = f"{USER_PREFIX}%@{DOMAIN}"
	checks = [
		("User", "User", {"name": ("like", user_like)}),
		("Customer", "Customer", {"customer_name": ("like", f"{PREFIX} %")}),
		("Contact", "Contact", {"first_name": ("like", f"{PREFIX} %")}),
		("Feedback Record", "Feedback Record", {"subject": ("like", f"{PREFIX} %")}),
		("Feedback Record of the customers", "Feedback Record", {"customer": ("like", f"{PREFIX} %")}),
		("Feedback Callback", "Feedback Callback", {"dedupe_key": ("like", f"{PREFIX}-%")}),
		("Feedback Callback of the customers", "Feedback Callback", {"customer": ("like", f"{PREFIX} %")}),
		("Root Cause Analysis", "Root Cause Analysis", {"title": ("like", f"%{PREFIX} %")}),
		("Improvement Plan", "Improvement Plan", {"title": ("like", f"{PREFIX} %")}),
		("Feedback SLA Policy", "Feedback SLA Policy", {"policy_name": ("like", f"{PREFIX} %")}),
		("Feedback Campaign", "Feedback Campaign", {"campaign_name": ("like", f"{PREFIX} %")}),
		("ToDo", "ToDo", {"allocated_to": ("like", user_like)}),
		("Email Queue Recipient", "Email Queue Recipient", {"recipient": ("like", user_like)}),
		("Assignment Rule", "Assignment Rule", {"last_user": ("like", user_like)}),
		("Version", "Version", {"ref_doctype": "Assignment Rule", "data": ("like", f"%{user_like}%")}),
		("Deleted Document", "Deleted Document", {"deleted_name": ("like", user_like)}),
		("Activity Log", "Activity Log", {"user": ("like", user_like)}),
		("Access Log", "Access Log", {"user": ("like", user_like)}),
		("Route History", "Route History", {"user": ("like", user_like)}),
		("Notification Log", "Notification Log", {"for_user": ("like", user_like)}),
	]
	left = {}
	for label, doctype, filters in checks:
		count = frappe.db.count(doctype, filters)
		if count:
			left[label] = count
	for doctype, name, deleted_on in _deleted:
		for trace, doctype_field, name_field in (
			("Comment", "reference_doctype", "reference_name"),
			("ToDo", "reference_type", "reference_name"),
			("Version", "ref_doctype", "docname"),
			("Notification Log", "document_type", "document_name"),
			("Feedback Message", "reference_doctype", "reference_name"),
		):
			if frappe.db.exists(trace, {doctype_field: doctype, name_field: name}):
				left[f"{trace} of {doctype} {name}"] = 1
		if frappe.db.exists(
			"Comment",
			{
				"comment_type": "Deleted",
				"reference_doctype": doctype,
				"subject": ("like", f"% {name}"),
				# Another document of that name deleted earlier (numbers are given again) is not ours.
				"creation": (">=", deleted_on),
			},
		):
			left[f"feed line of deleted {doctype} {name}"] = 1
	return left


def _user(persona: str, language: str, roles: list[str]) -> str:
	email = user_email(persona, language)
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": f"{PREFIX} {persona.title()} {language.upper()}",
				"language": language,
				"send_welcome_email": 0,
				"user_type": "Website User" if persona == "portal" else "System User",
				"roles": [{"role": role} for role in roles],
			}
		).insert(ignore_permissions=True)
	update_password(email, PASSWORD)
	return email


def _customer(customer_name: str) -> str:
	name = frappe.db.get_value("Customer", {"customer_name": customer_name})
	if name:
		return name
	return (
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": customer_name,
				"customer_type": "Company",
				"customer_group": leaf("Customer Group"),
				"territory": leaf("Territory"),
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def _contact(customer: str, first_name: str, email: str, user: str | None = None) -> str:
	name = frappe.db.get_value("Contact", {"first_name": first_name})
	if name:
		return name
	return (
		frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": first_name,
				"user": user,
				"email_ids": [{"email_id": email, "is_primary": 1}],
				"links": [{"link_doctype": "Customer", "link_name": customer}],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def _feedback(customer: str, contact: str, subject: str, description: str) -> str:
	return make_feedback(customer, contact=contact, subject=subject, description=f"<p>{description}</p>").name


def _survey_token(customer: str, contact: str, template: str, language: str, viewport: str) -> dict:
	callback = make_sent_survey(
		customer,
		contact,
		template,
		dedupe_key=f"{PREFIX}-{language}-{viewport}-{frappe.generate_hash(length=6)}",
		language=language,
	)
	return {"callback": callback.name, "url": f"/feedback/survey/{token_for(callback)}"}


def _plan(language: str, owner: str, feedback: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Improvement Plan",
				"title": f"{PREFIX} plan {language}: pack cups in double boxes",
				"objective": "Fewer broken cups",
				"target_type": "Reduce Feedback Volume",
				"target_value": 20,
				"baseline_days": 90,
				"measurement_days": 30,
				"feedback_records": [{"feedback_record": feedback}],
				"actions": [
					{
						"measure": f"{PREFIX}: double boxes for every cup",
						"owner_user": owner,
						"due_date": add_days(nowdate(), 14),
						"budget": 100,
					}
				],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def _campaign(language: str, customer: str, template: str) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Feedback Campaign",
				"campaign_name": f"{PREFIX} campaign {language}: new cup lid",
				"goal": "Feedback on the new cup lid: the 3 most frequent problems",
				"start_date": nowdate(),
				"end_date": add_days(nowdate(), 14),
				"survey_template": template,
				"customers": [{"customer": customer}],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def _sla_policy(language: str) -> str:
	windows = [
		{"weekday": day, "start_time": "09:00:00", "end_time": "18:00:00"}
		for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
	]
	targets = [
		{
			"priority": priority,
			"response_time": response,
			"response_unit": "Working Hours",
			"resolution_time": resolution,
			"resolution_unit": "Working Days",
		}
		for priority, response, resolution in (
			("Urgent", 1, 1),
			("High", 4, 3),
			("Medium", 8, 5),
			("Low", 16, 10),
		)
	]
	return (
		frappe.get_doc(
			{
				"doctype": "Feedback SLA Policy",
				"policy_name": f"{PREFIX} policy {language}",
				# Never chosen for a record: the journey edits it, nothing else reads it.
				"enabled": 0,
				"precedence": 1,
				"timezone": frappe.utils.get_system_timezone(),
				"working_windows": windows,
				"targets": targets,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def _remove_journey_records() -> None:
	"""What the journeys made and what set_up makes fresh each time; keeps users and customers."""
	# With their names too: what a deleted customer's records left (links are not checked on delete).
	customers = [
		*frappe.get_all(
			"Customer", filters={"customer_name": ("in", [CUSTOMER, OTHER_CUSTOMER])}, pluck="name"
		),
		CUSTOMER,
		OTHER_CUSTOMER,
	]
	feedback = frappe.get_all(
		"Feedback Record",
		filters={"customer": ("in", customers or [""])},
		pluck="name",
	) + frappe.get_all("Feedback Record", filters={"subject": ("like", f"{PREFIX} %")}, pluck="name")
	feedback = list(dict.fromkeys(feedback))
	plans = frappe.get_all("Improvement Plan", filters={"title": ("like", f"{PREFIX} %")}, pluck="name")
	analyses = frappe.get_all(
		"Root Cause Analysis Feedback",
		filters={"parenttype": "Root Cause Analysis", "feedback_record": ("in", feedback or [""])},
		pluck="parent",
	) + frappe.get_all("Root Cause Analysis", filters={"title": ("like", f"%{PREFIX} %")}, pluck="name")
	plans += frappe.get_all(
		"Improvement Plan", filters={"source_analysis": ("in", analyses or [""])}, pluck="name"
	)
	for name in dict.fromkeys(plans):
		_delete("Improvement Plan", name)
	for name in dict.fromkeys(analyses):
		_delete("Root Cause Analysis", name)
	# A survey's record links its revisit and the revisit its record: unlink before deleting.
	for name in feedback:
		frappe.db.set_value("Feedback Record", name, "survey_callback", None, update_modified=False)
		frappe.db.set_value("Feedback Record", name, "duplicate_of", None, update_modified=False)
		frappe.db.set_value("Feedback Record", name, "possible_duplicate_of", None, update_modified=False)
	_remove_callbacks(customers)
	for name in feedback:
		_delete("Feedback Record", name)
	# Deleting a Resolved record schedules its verification revisit (the app's status trigger
	# takes the deletion for a change of status): those go too.
	_remove_callbacks(customers)
	for name in frappe.get_all(
		"Feedback SLA Policy", filters={"policy_name": ("like", f"{PREFIX} %")}, pluck="name"
	):
		_delete("Feedback SLA Policy", name)
	for name in frappe.get_all(
		"Feedback Campaign", filters={"campaign_name": ("like", f"{PREFIX} %")}, pluck="name"
	):
		_delete("Feedback Campaign", name)
	frappe.db.commit()


def _remove_callbacks(customers: list[str]) -> None:
	callbacks = frappe.get_all(
		"Feedback Callback", filters={"customer": ("in", customers or [""])}, pluck="name"
	) + frappe.get_all("Feedback Callback", filters={"dedupe_key": ("like", f"{PREFIX}-%")}, pluck="name")
	for name in dict.fromkeys(callbacks):
		frappe.db.set_value("Feedback Callback", name, "feedback_record", None, update_modified=False)
	for name in dict.fromkeys(callbacks):
		_delete("Feedback Callback", name)


def _remove_user_traces(started) -> None:
	"""What Frappe keeps about a user's sessions beyond their documents (deleted since `started`)."""
	user_like = f"{USER_PREFIX}%@{DOMAIN}"
	for doctype, field in (
		("Activity Log", "user"),
		("Access Log", "user"),
		("Route History", "user"),
		("Notification Log", "for_user"),
		("ToDo", "allocated_to"),
	):
		frappe.db.delete(doctype, {field: ("like", user_like)})
	# Mail to the suite's contacts and users (acknowledgements, notices), queued and never sent.
	queued = frappe.get_all(
		"Email Queue Recipient", filters={"recipient": ("like", user_like)}, pluck="parent", distinct=True
	)
	if queued:
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", queued)})
		frappe.db.delete("Email Queue", {"name": ("in", queued)})
	frappe.db.delete("Sessions", {"user": ("like", user_like)})
	frappe.db.delete("__UserSettings", {"user": ("like", user_like)})
	# A deleted user takes their Notification Settings along, into Deleted Documents.
	for name in frappe.get_all(
		"Deleted Document",
		filters={"deleted_doctype": "Notification Settings", "deleted_name": ("like", user_like)},
		pluck="deleted_name",
	):
		_delete_feed_line("Notification Settings", name, started)
	frappe.db.delete(
		"Deleted Document", {"deleted_doctype": "Notification Settings", "deleted_name": ("like", user_like)}
	)
	# The routing rules took the suite's agents in and out again (services/triage/routing.py):
	# their history of it, and a round robin that last gave feedback to one of them.
	frappe.db.delete("Version", {"ref_doctype": "Assignment Rule", "data": ("like", f"%{user_like}%")})
	frappe.db.set_value(
		"Assignment Rule", {"last_user": ("like", user_like)}, "last_user", None, update_modified=False
	)


def _reset_rate_limits() -> None:
	"""The counters of the app's public endpoints (per address: every journey comes from 127.0.0.1)."""
	frappe.cache.delete_keys(RATE_LIMITED)


#: What this process deleted and when, checked for traces left in other tables.
_deleted: list[tuple[str, str, object]] = []


def _delete(doctype: str, name: str) -> None:
	if not frappe.db.exists(doctype, name):
		return
	deleted_on = now_datetime()
	_deleted.append((doctype, name, deleted_on))
	todos = frappe.get_all("ToDo", filters={"reference_type": doctype, "reference_name": name}, pluck="name")
	frappe.delete_doc(
		doctype, name, force=True, ignore_permissions=True, delete_permanently=True, ignore_missing=True
	)
	# Frappe removes a deleted document's comments, versions, ToDos and logs in a background job,
	# which no worker may run on a test bench (and which would remove those of the next document
	# given the same name): now.
	delete_dynamic_links(doctype, name)
	# ...but not the history of those ToDos, nor the "deleted" line of the activity feed.
	if todos:
		frappe.db.delete("Version", {"ref_doctype": "ToDo", "docname": ("in", todos)})
	_delete_feed_line(doctype, name, deleted_on)


def _delete_feed_line(doctype: str, name: str, since) -> None:
	frappe.db.delete(
		"Comment",
		{
			"comment_type": "Deleted",
			"reference_doctype": doctype,
			"subject": ("in", [f"{doctype} {name}", f"{frappe._(doctype)} {name}"]),
			# Only this deletion's line: numbers are given again, and earlier documents of the same
			# name were somebody else's.
			"creation": (">=", since),
		},
	)
