"""Feedback Triggers: the ERP asks for a revisit when a watched document is submitted or reaches a status.

One `doc_events["*"]` entry (integrations/frappe/any_document.py) serves every doctype, so the
first thing it does must cost nothing for the many doctypes no trigger watches: the watching
triggers are cached (per request, backed by Redis, forgotten whenever a trigger changes). A document gets at most one callback per trigger:
the callback's dedupe key is unique in the database.
"""

from dataclasses import replace

import frappe
from frappe import _
from frappe.query_builder.functions import Min
from frappe.utils import add_days, date_diff, getdate, now_datetime

from feedback_loop.core.callbacks.schedule import DelayUnit, callback_due, held_back_by
from feedback_loop.integrations.frappe.site_cache import forget
from feedback_loop.integrations.frappe.write_conflicts import locking_reads_see_latest
from feedback_loop.services.messages.reach import addressable, reach_of_contact
from feedback_loop.services.privacy.consent import withdrew_consent
from feedback_loop.services.sla.calendar_source import calendar_for
from feedback_loop.services.sla.system_time import to_aware, to_system

_CACHE_KEY = "feedback_loop:watched_documents"
SUBMITTED = "Submitted"
STATUS_CHANGED = "Status Changed To"
EVERY_N_DAYS = "Every N Days"
OPEN_CALLBACK_STATUSES = ("Scheduled", "Sent", "Responded")


def is_watched(doctype: str) -> bool:
	return doctype in _watching()


def _watching() -> dict[str, list[tuple[str, str]]]:
	"""{doctype: [(trigger, event), …]} of the enabled triggers that watch documents."""
	# Installs and migrations save many documents before (or without) our tables: no revisits.
	if frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_uninstall:
		return {}
	try:
		# Frappe keeps a request's copy too: a save of any doctype costs a dictionary look-up.
		return frappe.cache.get_value(_CACHE_KEY, _read_watching)
	except Exception as error:
		if frappe.db.is_table_missing(error):
			return {}
		raise


def _read_watching() -> dict[str, list[tuple[str, str]]]:
	watching = {}
	for row in frappe.get_all(
		"Feedback Trigger",
		filters={"enabled": 1, "event": ("!=", EVERY_N_DAYS)},
		fields=["name", "document_type", "event"],
		order_by="name asc",
	):
		watching.setdefault(row.document_type, []).append((row.name, row.event))
	return watching


def clear_watched_cache(*_args, **_kwargs) -> None:
	forget(_CACHE_KEY)


def fire_triggers(doc, event: str) -> None:
	"""Schedule the revisits of every enabled trigger on `doc`'s doctype and `event`."""
	triggers = [name for name, on in _watching().get(doc.doctype, ()) if on == event]
	for name in triggers:
		trigger = frappe.get_cached_doc("Feedback Trigger", name)
		if event == STATUS_CHANGED and doc.status != trigger.status_value:
			continue
		try:
			schedule_callback(
				trigger, doc, occurrence_suffix(trigger, doc) if event == STATUS_CHANGED else ""
			)
		except Exception:
			# A revisit is never worth failing the user's own transaction for.
			frappe.log_error(
				title=_("Feedback trigger {0} failed").format(name),
				reference_doctype=doc.doctype,
				reference_name=doc.name,
			)


def occurrence_suffix(trigger, doc) -> str:
	"""A document may reach a status again (resolved, reopened, resolved again): each time is its
	own revisit. The first keeps the plain key."""
	earlier = frappe.db.count(
		"Feedback Callback",
		{"trigger": trigger.name, "reference_doctype": doc.doctype, "reference_name": doc.name},
	)
	return f":{earlier + 1}" if earlier else ""


def condition_holds(trigger, doc) -> bool:
	if not (trigger.condition or "").strip():
		return True
	context = {"doc": doc, "customer_age_days": customer_age_days, "is_first_delivery": is_first_delivery}
	return bool(frappe.safe_eval(trigger.condition, None, context))


def customer_age_days(customer: str | None) -> int:
	created = frappe.db.get_value("Customer", customer, "creation") if customer else None
	return date_diff(getdate(), getdate(created)) if created else 0


def is_first_delivery(doc) -> bool:
	customer = doc.get("customer")
	return bool(customer) and not frappe.db.exists(
		"Delivery Note", {"customer": customer, "docstatus": 1, "name": ("!=", doc.name)}
	)


def customer_of(doc) -> str | None:
	if doc.doctype == "Customer":
		return doc.name
	return doc.get("customer")


def schedule_callback(trigger, doc, dedupe_suffix: str = "") -> str | None:
	"""The callback for this trigger and document, created once; None when held back or while all
	revisits are paused."""
	if frappe.db.get_single_value("Feedback Settings", "revisits_paused"):
		return None
	dedupe_key = f"{trigger.name}:{doc.doctype}:{doc.name}{dedupe_suffix}"
	if frappe.db.exists("Feedback Callback", {"dedupe_key": dedupe_key}):
		return None
	if not condition_holds(trigger, doc):
		return None
	customer = customer_of(doc)
	reached = revisit_contact(doc, customer, needs_address=trigger.action == "Survey E-mail")
	if reached is None:
		return None
	contact, email = reached
	due_on = due_moment(trigger, now_datetime())
	if customer and not trigger.loop_revisit and _held_back(trigger, doc, customer, due_on):
		return None
	callback = frappe.get_doc(
		{
			"doctype": "Feedback Callback",
			"callback_type": trigger.callback_type,
			"trigger": trigger.name,
			"customer": customer,
			"contact": contact,
			"contact_email": email,
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"feedback_record": doc.name if doc.doctype == "Feedback Record" else None,
			"sales_order": _sales_order_of(doc),
			"channel": "Phone" if trigger.action == "Phone Call" else "E-mail",
			"due_on": due_on,
			"survey_template": trigger.survey_template,
			"call_script": trigger.call_script,
			"dedupe_key": dedupe_key,
		}
	)
	callback.flags.ignore_permissions = True
	# Inside the user's own transaction (a Sales Order's submit, say): its number is taken as
	# other requests left the series, never refused for their having taken one (MariaDB 11.8).
	with locking_reads_see_latest():
		callback.insert()
	return callback.name


def due_moment(trigger, event_at):
	calendar = None
	if trigger.delay_unit == DelayUnit.WORKING_DAYS.value:
		policy = trigger.working_calendar or frappe.db.get_value(
			"Feedback SLA Policy", {"is_default": 1, "enabled": 1}
		)
		if not policy:
			frappe.throw(_("Working days need a working calendar: choose an SLA policy on the trigger."))
		calendar = calendar_for(policy)
	return to_system(callback_due(to_aware(event_at), trigger.delay or 0, trigger.delay_unit, calendar))


def _held_back(trigger, doc, customer: str, due_on) -> bool:
	"""Another revisit of the customer near this one holds it back (the throttle); that revisit's
	log says what it held back. A revisit of the closed loop is never held back (the caller)."""
	others = [
		(row.name, row.due_on)
		for row in frappe.get_all(
			"Feedback Callback",
			filters={"customer": customer, "status": ("in", OPEN_CALLBACK_STATUSES)},
			fields=["name", "due_on"],
		)
	]
	blocking = held_back_by(due_on, others, trigger.throttle_days or 0)
	if blocking:
		frappe.get_doc("Feedback Callback", blocking).add_comment(
			"Info",
			_("Held back the revisit of trigger {0} for {1} {2}: one revisit per {3} days.").format(
				trigger.name, _(doc.doctype), doc.name, trigger.throttle_days
			),
		)
	return bool(blocking)


def revisit_contact(
	doc, customer: str | None, *, needs_address: bool
) -> tuple[str | None, str | None] | None:
	"""The contact and e-mail a revisit of `customer` goes to; None when they withdrew their consent,
	or when a survey must be sent and no channel reaches them (a call needs no address)."""
	contact, email = contact_of(doc, customer)
	if withdrew_consent(contact):
		return None
	if needs_address and not addressable(survey_reach(contact, customer, email)):
		return None
	return contact, email


def contact_of(doc, customer: str | None) -> tuple[str | None, str | None]:
	contact = doc.get("contact_person") or doc.get("contact")
	email = doc.get("contact_email") or doc.get("raised_by")
	if not contact and customer:
		contact = frappe.db.get_value("Customer", customer, "customer_primary_contact")
	if contact and not email:
		email = frappe.db.get_value("Contact", contact, "email_id")
	return contact, email


def survey_reach(contact: str | None, customer: str | None, email: str | None):
	"""How a revisit reaches its customer; an address that opted out of surveys is left out."""
	reach = reach_of_contact(contact, customer, email)
	if reach.email and opted_out(reach.email):
		reach = replace(reach, email=None)
	return reach


def opted_out(email: str) -> bool:
	return bool(
		frappe.db.exists(
			"Email Unsubscribe",
			{"email": email, "reference_doctype": "Feedback Callback"},
		)
		or frappe.db.exists("Email Unsubscribe", {"email": email, "global_unsubscribe": 1})
	)


def _sales_order_of(doc) -> str | None:
	if doc.doctype == "Sales Order":
		return doc.name
	if doc.get("sales_order"):
		return doc.sales_order
	for row in doc.get("items") or []:
		if row.get("against_sales_order") or row.get("sales_order"):
			return row.get("against_sales_order") or row.get("sales_order")
	return None


def schedule_periodic_checkins() -> int:
	"""Every-N-days triggers: one revisit per customer older than N days and period."""
	scheduled = 0
	for name in frappe.get_all(
		"Feedback Trigger", filters={"enabled": 1, "event": EVERY_N_DAYS}, pluck="name"
	):
		trigger = frappe.get_cached_doc("Feedback Trigger", name)
		period = trigger.period_days or 90
		period_index = date_diff(getdate(), getdate("2000-01-01")) // period
		for customer in customers_due_for_checkin(trigger.name, period, period_index):
			if schedule_callback(trigger, frappe.get_doc("Customer", customer), f":{period_index}"):
				scheduled += 1
	return scheduled


def customers_due_for_checkin(trigger: str, period: int, period_index: int) -> list[str]:
	"""Customers whose first submitted order is older than the period (a customer for that long,
	whenever the Customer record was made) and who have no revisit of this trigger in this period."""
	customer = frappe.qb.DocType("Customer")
	callback = frappe.qb.DocType("Feedback Callback")
	order = frappe.qb.DocType("Sales Order")
	already = (
		frappe.qb.from_(callback)
		.select(callback.customer)
		.where(
			(callback.trigger == trigger) & callback.dedupe_key.like(f"{trigger}:Customer:%:{period_index}")
		)
	)
	long_standing = (
		frappe.qb.from_(order)
		.select(order.customer)
		.where(order.docstatus == 1)
		.groupby(order.customer)
		.having(Min(order.transaction_date) < add_days(getdate(), -period))
	)
	return (
		frappe.qb.from_(customer)
		.select(customer.name)
		.where((customer.disabled == 0) & customer.name.isin(long_standing) & customer.name.notin(already))
	).run(pluck=True)
