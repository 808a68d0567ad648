"""Real ERPNext documents for integration tests: customers, contacts, items, orders, invoices.

Every record goes through the normal insert/submit path (no direct SQL), so the tests see
what a user would; IntegrationTestCase rolls all of it back after each test class.
"""

import frappe
from frappe.utils import add_days, add_years, nowdate


def default_company() -> str:
	return (
		frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name", limit=1)[0]
	)


def leaf(doctype: str) -> str:
	return frappe.get_all(doctype, filters={"is_group": 0}, pluck="name", order_by="lft", limit=1)[0]


def make_customer(name: str, **values) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Customer",
			"customer_name": f"{name} {frappe.generate_hash(length=6)}",
			"customer_group": leaf("Customer Group"),
			"territory": leaf("Territory"),
			**values,
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_contact(customer: str, email: str | None = None, mobile: str | None = None) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": f"Contact {frappe.generate_hash(length=6)}",
			"email_ids": [{"email_id": email, "is_primary": 1}] if email else [],
			"phone_nos": [{"phone": mobile, "is_primary_mobile_no": 1}] if mobile else [],
			"links": [{"link_doctype": "Customer", "link_name": customer}],
		}
	).insert(ignore_permissions=True)
	return doc.name


def make_item(code: str | None = None) -> str:
	code = code or f"FL-ITEM-{frappe.generate_hash(length=8)}"
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": code,
				"item_group": leaf("Item Group"),
				"stock_uom": "Nos",
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
			}
		).insert(ignore_permissions=True)
	return code


def make_sales_order(customer: str, items: list[str], rate: float = 100, submit: bool = True) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Sales Order",
			"customer": customer,
			"company": default_company(),
			"transaction_date": nowdate(),
			"delivery_date": add_days(nowdate(), 7),
			"items": [{"item_code": item, "qty": 1, "rate": rate} for item in items],
		}
	).insert(ignore_permissions=True)
	if submit:
		doc.submit()
	return doc.name


def make_sales_invoice(customer: str, item: str, rate: float, submit: bool = True) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"customer": customer,
			"company": default_company(),
			"posting_date": nowdate(),
			"due_date": nowdate(),
			"items": [{"item_code": item, "qty": 1, "rate": rate}],
		}
	).insert(ignore_permissions=True)
	if submit:
		doc.submit()
	return doc.name


def make_issue(customer: str, subject: str = "The cup arrived broken", **values) -> str:
	return (
		frappe.get_doc({"doctype": "Issue", "subject": subject, "customer": customer, **values})
		.insert(ignore_permissions=True)
		.name
	)


def make_feedback(customer: str | None, **values):
	return frappe.get_doc(
		{
			"doctype": "Feedback Record",
			"customer": customer,
			"feedback_type": "Complaint",
			"channel": "Desk",
			"subject": "The parcel arrived damaged",
			"description": "<p>The box was crushed and the cup inside is broken.</p>",
			**values,
		}
	).insert()


def make_user(email: str, roles: list[str]) -> str:
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"roles": [{"role": role} for role in roles],
			}
		).insert(ignore_permissions=True)
	return email


def make_employee(user: str, department: str | None) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": user.split("@")[0],
				"gender": "Female",
				"date_of_birth": add_years(nowdate(), -30),
				"date_of_joining": add_years(nowdate(), -1),
				"company": default_company(),
				"department": department,
				"user_id": user,
				"create_user_permission": 0,
				"status": "Active",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def make_department(name: str, head_user: str | None = None) -> str:
	"""A department of the default company, with its head when given."""
	return (
		frappe.get_doc(
			{
				"doctype": "Department",
				"department_name": name,
				"company": default_company(),
				"feedback_department_head": head_user,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def make_outgoing_email_account() -> str:
	"""A default outgoing account, so Frappe queues mail; tests never reach an SMTP server."""
	name = "Feedback Loop Test Outbox"
	if not frappe.db.exists("Email Account", name):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": name,
				"email_id": "feedback-test@example.com",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": 25,
				"no_smtp_authentication": 1,
			}
		).insert(ignore_permissions=True)
	# An earlier test of the same class may have switched it off.
	frappe.db.set_value("Email Account", name, "default_outgoing", 1)
	frappe.local.outgoing_email_account = {}
	return name


def make_feedback_inbox(label: str):
	"""An incoming Email Account that files its mail as Feedback Records (append_to), and the
	outgoing account replies need; no IMAP: tests hand it mails with `deliver_mail`."""
	make_outgoing_email_account()
	tag = frappe.generate_hash(length=5)
	return frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": f"{label} {tag}",
			"email_id": f"{frappe.scrub(label).replace('_', '-')}-{tag}@example.com",
			"enable_incoming": 1,
			"use_imap": 0,
			"append_to": "Feedback Record",
			"email_server": "127.0.0.1",
			"password": "x",
		}
	).insert(ignore_permissions=True)


def deliver_mail(
	account,
	sender: str,
	subject: str,
	body: str,
	message_id: str | None = None,
	in_reply_to: str | None = None,
	sender_name: str = "Li Na",
	date: str = "Tue, 24 Nov 2026 10:00:00 +0800",
):
	"""A plain-text mail received by `account` as Frappe's mail pull would; its Communication."""
	from frappe.email.receive import InboundMail

	headers = [
		f"From: {sender_name} <{sender}>",
		f"To: {account.email_id}",
		f"Subject: {subject}",
		f"Message-ID: <{message_id or frappe.generate_hash(length=10) + '@mail.example'}>",
		f"Date: {date}",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
	]
	if in_reply_to:
		headers.append(f"In-Reply-To: <{in_reply_to}>")
	raw = ("\r\n".join(headers) + "\r\n\r\n" + body).encode()
	return InboundMail(raw, account).process()


def make_api_user(prefix: str, roles: list[str]) -> tuple[str, str]:
	"""An integration user with an API key; returns its e-mail and the Authorization header value.

	One user per prefix, reused by later runs: tests that commit would otherwise pile up users,
	and Frappe refuses new users after 60 in an hour ("Throttled").
	"""
	email = make_user(f"{prefix}@example.com", roles)
	user = frappe.get_doc("User", email)
	user.api_key, user.api_secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
	authorization = f"token {user.api_key}:{user.api_secret}"
	user.save(ignore_permissions=True)
	return email, authorization


def make_sent_survey(customer: str, contact: str, template: str, dedupe_key: str, **values):
	"""A post-order revisit already sent by e-mail, ready to be answered through its link."""
	return frappe.get_doc(
		{
			"doctype": "Feedback Callback",
			"callback_type": "After Order",
			"customer": customer,
			"contact": contact,
			"channel": "E-mail",
			"status": "Sent",
			"survey_template": template,
			"due_on": frappe.utils.now_datetime(),
			"sent_on": frappe.utils.now_datetime(),
			"dedupe_key": dedupe_key,
			**values,
		}
	).insert(ignore_permissions=True)


def another_connection():
	"""A second connection to the site's database: another request, committing on its own."""
	from frappe.database import get_db

	conf = frappe.local.conf
	return get_db(
		socket=conf.db_socket,
		host=conf.db_host,
		port=conf.db_port,
		user=conf.db_name,
		password=conf.db_password,
		cur_db_name=conf.db_name,
	)


def take_a_number(series: str) -> None:
	"""Another request takes the next number of a naming series and commits, now."""
	other = another_connection()
	# Should the caller's transaction hold the row after all, fail fast rather than wait it out.
	other.sql("set session innodb_lock_wait_timeout = 5")
	try:
		other.sql(
			"insert into `tabSeries` (name, current) values (%s, 1) on duplicate key update current = current + 1",
			(series,),
		)
		other.commit()
	finally:
		other.close()
