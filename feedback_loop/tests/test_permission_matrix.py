"""The access-control audit: docs/permissions.md is the intended matrix, the site must match it.

Every doctype of the app × every role (a user holding only that role, a portal customer, a
guest) × read / write / create / delete / submit / report; then every whitelisted method of the
app called by a portal customer and a guest."""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import frappe
import frappe.client
from frappe.desk.search import search_link
from frappe.utils import set_request

import feedback_loop
import feedback_loop.api
from feedback_loop.tests.case import IntegrationTestCase
from feedback_loop.tests.factories import make_contact, make_customer, make_feedback, make_item

# Whitelisting happens on import: load every endpoint module so none escapes the audit.
for _module in pkgutil.iter_modules(feedback_loop.api.__path__):
	importlib.import_module(f"feedback_loop.api.{_module.name}")

LINK_SEARCH = "feedback_loop.api.link_search.search"
DOC = Path(feedback_loop.__file__).resolve().parents[1] / "docs" / "permissions.md"
CODES = {"r": "read", "w": "write", "c": "create", "d": "delete", "s": "submit", "p": "report"}
PORTAL = "Customer (portal)"


def documented_matrix() -> tuple[list[str], dict[str, dict[str, set[str]]]]:
	"""Roles in column order, and doctype → role → the rights the page gives."""
	text = DOC.read_text(encoding="utf-8")
	table = text.split("## DocTypes", 1)[1].split("\n\n", 2)[1]
	lines = [line for line in table.splitlines() if line.startswith("|")]
	roles = [cell.strip() for cell in lines[0].strip("|").split("|")][1:]
	matrix = {}
	for line in lines[2:]:
		cells = [cell.strip() for cell in line.strip("|").split("|")]
		matrix[cells[0]] = {
			role: {CODES[c] for c in cell if c in CODES} for role, cell in zip(roles, cells[1:], strict=True)
		}
	return roles, matrix


def user_with_only(role: str) -> str:
	if role == "Guest":
		return "Guest"
	email = f"matrix-{re.sub(r'[^a-z]+', '-', role.lower()).strip('-')}@example.com"
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": role,
				"send_welcome_email": 0,
				"user_type": "Website User" if role == PORTAL else "System User",
				"roles": [{"role": "Customer" if role == PORTAL else role}],
			}
		).insert(ignore_permissions=True)
	elif role != PORTAL and role not in frappe.get_roles(email):
		# An uninstall deletes the app's roles with their grants (the install-cycle test does):
		# the user made by an earlier run is given its one role back.
		frappe.get_doc("User", email).add_roles(role)
	return email


class TestPermissionMatrix(IntegrationTestCase):
	def test_every_doctype_of_the_app_is_documented(self):
		_roles, matrix = documented_matrix()
		ours = set(frappe.get_all("DocType", filters={"module": "Feedback Loop", "istable": 0}, pluck="name"))
		self.assertEqual(set(matrix), ours)

	def test_the_site_grants_exactly_the_documented_rights(self):
		roles, matrix = documented_matrix()
		users = {role: user_with_only(role) for role in roles}
		differences = []
		for doctype, expected_by_role in matrix.items():
			for role, expected in expected_by_role.items():
				actual = {
					ptype
					for ptype in CODES.values()
					if frappe.has_permission(doctype, ptype, user=users[role])
				}
				if actual != expected:
					differences.append(
						f"{doctype} / {role}: documented {sorted(expected)}, site {sorted(actual)}"
					)
		self.assertEqual(differences, [])

	def test_portal_customers_and_guests_reach_no_desk_method(self):
		methods = [
			fn
			for fn in frappe.whitelisted
			if fn.__module__.startswith("feedback_loop.") and fn not in frappe.guest_methods
		]
		self.assertGreaterEqual(len(methods), 11)
		# Called as functions, outside an HTTP request: the rate limiter steps aside, the checks do not.
		request = getattr(frappe.local, "request", None)
		frappe.local.request = None
		for user in (user_with_only(PORTAL), "Guest"):
			frappe.set_user(user)
			try:
				for method in methods:
					with self.subTest(method=f"{method.__module__}.{method.__name__}", user=user):
						with self.assertRaises(frappe.PermissionError):
							method(**dummy_arguments(method))
			finally:
				frappe.set_user("Administrator")
		frappe.local.request = request

	def test_every_report_has_the_documented_roles(self):
		table = DOC.read_text(encoding="utf-8").split("## Reports", 1)[1]
		documented = {
			cells[0]: set(cells[1].split(", "))
			for line in table.splitlines()
			if line.startswith("| ")
			and not line.startswith("| Report")
			and (cells := [c.strip() for c in line.strip("|").split("|")])
		}
		reports = frappe.get_all("Report", filters={"module": "Feedback Loop"}, pluck="name")
		self.assertEqual(set(reports), set(documented))
		for report in reports:
			self.assertEqual(
				set(
					frappe.get_all(
						"Has Role", filters={"parent": report, "parenttype": "Report"}, pluck="role"
					)
				),
				documented[report],
			)

	def test_every_report_runs_for_every_role_it_is_for(self):
		"""As the desk runs it: Frappe refuses a report whose Link columns name a doctype the
		reader may not see, and our roles hold no rights on ERPNext's customers or items."""
		from frappe.desk.query_report import run

		today = frappe.utils.today()
		period = {"from_date": frappe.utils.add_days(today, -90), "to_date": today}
		variants = {
			"SLA Compliance": [{"based_on": b} for b in ("Priority", "SLA Policy", "Department", "Assignee")],
			"Top Issues": [{"issue_by": "Category"}, {"issue_by": "Item"}],
		}
		# Something to show: a record with a customer, an item and a department.
		make_feedback(make_customer("Matrix Report Customer"), item=make_item())
		for report in frappe.get_all("Report", filters={"module": "Feedback Loop"}, pluck="name"):
			roles = frappe.get_all(
				"Has Role", filters={"parent": report, "parenttype": "Report"}, pluck="role"
			)
			for role in roles:
				if role == "System Manager":
					continue
				for extra in variants.get(report, [{}]):
					with self.subTest(report=report, role=role, **extra):
						frappe.set_user(user_with_only(role))
						try:
							result = run(report, filters={**period, **extra})
						finally:
							frappe.set_user("Administrator")
						self.assertIn("result", result)

	def test_every_role_that_reads_categories_can_pick_one(self):
		# The search behind every link to a category (hooks.standard_queries).
		from feedback_loop.api.category_search import search_categories

		roles, matrix = documented_matrix()
		readers = [role for role in roles if "read" in matrix["Feedback Category"][role]]
		self.assertIn("Support Team", readers)
		for role in readers:
			frappe.set_user(user_with_only(role))
			try:
				with self.subTest(role=role):
					found = search_categories("Feedback Category", "deliv", "name", 0, 20)
					self.assertIn("Late Delivery", [name for name, _hint in found])
			finally:
				frappe.set_user("Administrator")

	def test_our_roles_can_fill_in_every_link_of_what_they_edit(self):
		"""What the desk does for a link: search (with the form's query), then check the name
		picked and fetch what the form copies from it."""
		from feedback_loop.setup.roles import ROLES

		_roles, matrix = documented_matrix()
		for role in ROLES:
			editable = [dt for dt, rights in matrix.items() if rights[role] & {"write", "create"}]
			targets = {
				(field.options, f"{doctype}.{field.fieldname}", field.fetch_from or "")
				for doctype in editable
				for field in links_filled_in(doctype)
			}
			self.assertTrue(targets)
			# A customer's contact, made by someone else, as an agent picks one.
			make_contact(make_customer("Matrix Contact Owner"))
			picked_any: set[str] = set()
			frappe.set_user(user_with_only(role))
			try:
				for target, field, _fetch in sorted(targets):
					with self.subTest(role=role, field=field):
						# What the desk does: search, then check the name the user picked.
						found = search_link(target, "", query=LINK_SEARCH)
						if not found:
							continue
						picked = found[0]["value"]
						checked = desk_link_check(target, picked, [])
						self.assertEqual(checked.get("name"), picked, f"{role} cannot pick a {target}")
						picked_any.add(target)
				# The site has customers, orders, users ...: most searches found something to pick.
				self.assertGreater(len(picked_any), len({t for t, _f, _s in targets}) // 2, role)
			finally:
				frappe.set_user("Administrator")

	def test_a_customer_picked_by_an_agent_brings_only_what_the_form_copies(self):
		customer = make_customer("Matrix Picked Customer")
		frappe.set_user(user_with_only("Feedback Agent"))
		try:
			self.assertFalse(frappe.has_permission("Customer", "read"), "ERPNext's rules are untouched")
			checked = desk_link_check("Customer", customer, ["customer_name", "credit_limits"])
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(
			checked.get("customer_name"), frappe.db.get_value("Customer", customer, "customer_name")
		)
		# Not a field any of our forms copies from a customer.
		self.assertNotIn("credit_limits", checked)

	def test_an_agent_finds_a_customer_by_a_whole_name_with_a_percent_sign(self):
		customer = make_customer("Matrix O'Hara 100% Co")
		typed = frappe.db.get_value("Customer", customer, "customer_name")
		frappe.set_user(user_with_only("Feedback Agent"))
		try:
			found = [row["value"] for row in search_link("Customer", typed, query=LINK_SEARCH)]
			# A typed "%" is no wildcard for any run of characters.
			wildcard = search_link("Customer", "Matrix O'Hara 1%Co", query=LINK_SEARCH)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(found, [customer])
		self.assertEqual(wildcard, [])

	def test_a_workflow_button_asks_only_what_it_needs(self):
		"""Frappe 16's workflow action first reads the Workflow's confirmation setting."""
		get_value = frappe.get_attr(
			frappe.get_hooks("override_whitelisted_methods")["frappe.client.get_value"][-1]
		)
		frappe.set_user(user_with_only("Quality Analyst"))
		try:
			# Frappe 15's Workflow has no such setting and its form never asks.
			if frappe.get_meta("Workflow").has_field("enable_action_confirmation"):
				answer = get_value(
					"Workflow", "enable_action_confirmation", {"document_type": "Root Cause Analysis"}
				)
				self.assertIn("enable_action_confirmation", answer)
			# Anything else of a Workflow stays the System Manager's.
			with self.assertRaises(frappe.PermissionError):
				get_value("Workflow", "workflow_state_field", {"document_type": "Root Cause Analysis"})
			with self.assertRaises(frappe.PermissionError):
				get_value("Workflow", "enable_action_confirmation", {"document_type": "Sales Order"})
		finally:
			frappe.set_user("Administrator")

	def test_an_agent_cannot_read_erpnext_lists_through_the_app(self):
		if not frappe.db.exists("Supplier", {"disabled": 0}):
			frappe.get_doc(
				{
					"doctype": "Supplier",
					"supplier_name": "Matrix Supplier",
					"supplier_group": frappe.db.get_value("Supplier Group", {"is_group": 0})
					or "All Supplier Groups",
				}
			).insert(ignore_permissions=True)
		frappe.set_user(user_with_only("Feedback Agent"))
		try:
			with self.assertRaises(frappe.PermissionError):
				frappe.get_list("Sales Order", fields=["name", "grand_total"])
			# Not a doctype our roles pick: Frappe's own answer, a refusal (raised in developer
			# mode; otherwise Frappe answers "Method not found" with no rows).
			try:
				found = search_link("Supplier", "", query=LINK_SEARCH)
			except frappe.PermissionError:
				found = []
			self.assertEqual(found, [])
		finally:
			frappe.set_user("Administrator")

	def test_every_doctype_our_roles_pick_has_erpnexts_own_rules(self):
		"""So a rule for our roles could only be a Custom DocPerm, replacing those rules."""
		from feedback_loop.integrations.frappe.link_rights import GRANTS

		for doctype in GRANTS:
			with self.subTest(doctype=doctype):
				self.assertTrue(frappe.db.exists("DocPerm", {"parent": doctype}))
				self.assertFalse(
					frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": ("like", "%Feedback%")})
				)

	def test_the_rights_on_erpnext_doctypes_are_documented(self):
		from feedback_loop.integrations.frappe.link_rights import GRANTS

		section = DOC.read_text(encoding="utf-8").split("## Rights on other apps' doctypes", 1)[1]
		section = section.split("\n## ", 1)[0]
		table = section.split("| DocType | role | right |", 1)[1]
		rows = [line for line in table.splitlines() if line.startswith("| ")]
		documented = {}
		for line in rows:
			doctype, role, right = (cell.strip() for cell in line.strip("|").split("|"))
			documented.setdefault(doctype, {})[role] = right
		self.assertEqual(documented, GRANTS)

	def test_every_desk_method_is_documented(self):
		text = DOC.read_text(encoding="utf-8")
		for fn in frappe.whitelisted:
			if fn.__module__.startswith("feedback_loop.api.") and fn not in frappe.guest_methods:
				self.assertIn(f"`api.{fn.__module__.split('.api.')[1]}.{fn.__name__}`", text)


def links_filled_in(doctype: str):
	"""The Link fields a user fills in on the doctype and its tables, and those the form fills in
	from another link (customer → territory): the form checks those as it sets them.

	DocType is left out: Frappe's link search lists doctypes to every desk user."""
	meta = frappe.get_meta(doctype)
	metas = [meta, *(frappe.get_meta(table.options) for table in meta.get_table_fields())]
	for table_meta in metas:
		for field in table_meta.fields:
			if (
				field.fieldtype == "Link"
				and (field.fetch_from or not (field.read_only or field.hidden))
				and field.options != "DocType"
			):
				yield field


def dummy_arguments(fn) -> dict:
	"""Plausible values for each parameter: the method must refuse before it looks at them."""
	values = {}
	for name, parameter in inspect.signature(inspect.unwrap(fn)).parameters.items():
		if parameter.kind in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL):
			continue
		if parameter.default is not parameter.empty:
			continue
		if name == "reference_doctype":
			values[name] = "Customer"
		elif name == "doctype" and fn.__name__ == "get_value":
			# The override of Frappe's get_value: a real doctype, which Frappe's own check refuses.
			values[name] = "Feedback Record"
		elif name in ("policy", "analysis"):
			values[name] = "{}"
		elif name == "feedback_records":
			values[name] = "[]"
		elif parameter.annotation is int:
			values[name] = 0
		else:
			values[name] = "FB-DOES-NOT-MATTER"
	return values


def desk_link_check(doctype: str, name: str, fields: list[str]) -> dict:
	"""The link check the desk calls on this Frappe, through the app's hooks."""
	method = (
		"frappe.client.validate_link_and_fetch"
		if hasattr(frappe.client, "validate_link_and_fetch")
		else "frappe.client.validate_link"
	)
	handler = frappe.get_attr(frappe.get_hooks("override_whitelisted_methods")[method][-1])
	# Frappe 16's check reads the request's method (it may let the browser cache a GET).
	set_request(method="POST", path=f"/api/method/{method}")
	return handler(doctype, name, fields) or {}
