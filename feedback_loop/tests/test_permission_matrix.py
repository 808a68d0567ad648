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
from frappe.tests.utils import FrappeTestCase

import feedback_loop
import feedback_loop.api

# Whitelisting happens on import: load every endpoint module so none escapes the audit.
for _module in pkgutil.iter_modules(feedback_loop.api.__path__):
	importlib.import_module(f"feedback_loop.api.{_module.name}")

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
	return email


class TestPermissionMatrix(FrappeTestCase):
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
		# Frappe's link search refuses a doctype the user may neither select nor read.
		from feedback_loop.setup.roles import ROLES

		_roles, matrix = documented_matrix()
		for role in ROLES:
			editable = [dt for dt, rights in matrix.items() if rights[role] & {"write", "create"}]
			targets = {
				(field.options, f"{doctype}.{field.fieldname}")
				for doctype in editable
				for field in links_filled_in(doctype)
			}
			self.assertTrue(targets)
			frappe.set_user(user_with_only(role))
			try:
				for target, field in sorted(targets):
					with self.subTest(role=role, field=field):
						self.assertTrue(
							frappe.has_permission(target, "select") or frappe.has_permission(target, "read"),
							f"{role} cannot pick a {target}",
						)
			finally:
				frappe.set_user("Administrator")

	def test_the_rights_on_erpnext_doctypes_are_documented(self):
		from feedback_loop.setup.link_rights import GRANTS

		section = DOC.read_text(encoding="utf-8").split("## Rights on other apps' doctypes", 1)[1]
		section = section.split("\n## ", 1)[0]
		rows = [line for line in section.splitlines() if line.startswith("| ")][1:]
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
		elif name in ("policy", "analysis"):
			values[name] = "{}"
		elif name == "feedback_records":
			values[name] = "[]"
		elif parameter.annotation is int:
			values[name] = 0
		else:
			values[name] = "FB-DOES-NOT-MATTER"
	return values
