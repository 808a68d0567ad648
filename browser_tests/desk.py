"""Steps on Frappe's desk, as a user takes them: open a page, a menu item, a workflow action, a save.

Labels are looked up through the page's own translation function (`__`), so one test reads the same
in English and in Chinese.
"""

import re
import time
from urllib.parse import quote

from playwright.sync_api import Page, expect


def t(page: Page, text: str, context: str | None = None) -> str:
	"""The desk's translation of `text` for the logged-in user's language."""
	return page.evaluate("([text, context]) => __(text, null, context)", [text, context])


def open_desk(page: Page, route: str) -> None:
	"""Open /app/<route> and wait until the desk has booted and shows the page."""
	page.goto(f"/app/{route}")
	page.wait_for_function("() => window.frappe && frappe.boot && window.cur_page && frappe.router")


def open_form(page: Page, doctype: str, name: str) -> None:
	slug = doctype.lower().replace(" ", "-")
	open_desk(page, f"{slug}/{quote(name)}")
	wait_for_form(page, doctype, name)


def wait_for_form(page: Page, doctype: str, name: str | None = None, new: bool = False) -> None:
	page.wait_for_function(
		"""([doctype, name, isNew]) => window.cur_frm && cur_frm.doctype === doctype
			&& (!name || cur_frm.doc.name === name) && !!cur_frm.is_new() === isNew
			&& !frappe.ui.form.is_saving && cur_frm.layout && cur_frm.page.wrapper.is(":visible")""",
		arg=[doctype, name, new],
	)


def value_set_in_background(page: Page, doctype: str, name: str, field: str, seconds: float = 60):
	"""A field a background job fills in (the site's worker runs it within seconds), read as the
	user's desk reads it; None when it stays empty for `seconds`."""
	deadline = time.monotonic() + seconds
	while True:
		value = page.evaluate(
			"([d, n, f]) => frappe.db.get_value(d, n, f).then((r) => (r.message || {})[f])",
			[doctype, name, field],
		)
		if value or time.monotonic() > deadline:
			return value or None
		page.wait_for_timeout(500)


def current(page: Page, selector: str):
	"""`selector` inside the page the desk shows now (it keeps the pages visited before, hidden)."""
	return page.locator(f".page-container:visible {selector}")


def form_status(page: Page):
	"""The status pill next to the form's title."""
	return current(page, ".page-head .indicator-pill:visible").first


def doc_value(page: Page, field: str):
	return page.evaluate("(field) => cur_frm.doc[field]", field)


def menu_item(page: Page, group: str, item: str, context: str | None = None, translate: bool = True) -> None:
	"""Click `item` of the form's button group `group` (Create, Actions …), both in English;
	`translate=False` for an item labelled with the document's own words."""
	group_label = quote(t(page, group), safe="")
	item_label = quote(t(page, item, context) if translate else item, safe="")
	group_selector = f".page-actions .inner-group-button[data-label='{group_label}']"
	current(page, f"{group_selector} > button").click()
	current(page, f"{group_selector} .dropdown-menu a[data-label='{item_label}']").click()


def workflow_action(page: Page, action: str, next_state: str) -> None:
	"""Take a workflow action from the Actions menu and wait for the new state."""
	label = t(page, action)
	current(page, ".page-actions .actions-btn-group > button").click()
	current(page, ".page-actions .actions-btn-group .dropdown-menu a").filter(has_text=label).first.click()
	page.wait_for_function(
		"(state) => cur_frm.doc.workflow_state === state && !cur_frm.is_dirty()", arg=next_state
	)
	# Frappe 16 translates the state with the doctype as context, Frappe 15 without.
	doctype = page.evaluate("() => cur_frm.doctype")
	labels = {t(page, next_state), t(page, next_state, doctype)}
	expect(form_status(page)).to_contain_text(re.compile("|".join(map(re.escape, labels))))


def pick_link(page: Page, container, field: str, value: str) -> None:
	"""Type into a Link field (of a form or a dialog) and pick `value` from its suggestions, as a
	user does; waits until the field holds it."""
	field_input = container.locator(f".frappe-control[data-fieldname='{field}'] input").first
	# The last character as a keystroke: Frappe 16 lists a dialog's first field's options when it
	# takes the focus and keeps that list closed after a pasted value, as after no typing at all.
	field_input.click()
	field_input.fill(value[:-1])
	field_input.press_sequentially(value[-1:])
	field_input.press("End")
	# Frappe's suggestions: options of Awesomplete's list box, shown under the field.
	page.locator("ul[role='listbox']:not([hidden]) [role='option']").filter(has_text=value).first.click()
	page.wait_for_function(
		"([field, value]) => (window.cur_dialog && cur_dialog.get_value(field) === value)"
		" || (window.cur_frm && cur_frm.doc[field] === value)",
		arg=[field, value],
	)


def dialog(page: Page):
	"""The dialog the desk shows now."""
	return page.locator(".modal.show .modal-dialog")


def save(page: Page) -> None:
	"""Ctrl+S, then wait until the form is saved (Frappe would show a dialog otherwise)."""
	page.keyboard.press("Control+s")
	page.wait_for_function(
		"() => !frappe.ui.form.is_saving && !cur_frm.is_new() && !cur_frm.is_dirty()"
		" && !$('.modal.show .msgprint').length"
	)


def fill_field(page: Page, field: str, value: str) -> None:
	"""Type into a Data, Small Text or Text Editor field of the form."""
	control = current(page, f".form-layout .frappe-control[data-fieldname='{field}']").first
	editor = control.locator(".ql-editor[contenteditable=true]")
	if editor.count():
		editor.fill(value)
	else:
		control.locator("input, textarea").first.fill(value)
	# The form takes a change after its debounce: wait until the document holds it.
	page.wait_for_function(
		"([field, value]) => (cur_frm.doc[field] || '').toString().includes(value.slice(0, 20))",
		arg=[field, value],
	)


def grid_add_row(page: Page, table: str, values: dict) -> None:
	"""Add a row to a child table and type each value into its cell, as in the grid itself."""
	grid = current(page, f".form-layout .frappe-control[data-fieldname='{table}']")
	before = page.evaluate("(table) => (cur_frm.doc[table] || []).length", table)
	grid.locator(".grid-add-row").click()
	page.wait_for_function(
		"([table, before]) => (cur_frm.doc[table] || []).length === before + 1", arg=[table, before]
	)
	row = grid.locator(".grid-body .rows > .grid-row").nth(before)
	for field, value in values.items():
		set_grid_cell(page, table, row, before, field, value)


def set_grid_cell(page: Page, table: str, row, index: int, field: str, value) -> None:
	cell = row.locator(f".grid-static-col[data-fieldname='{field}']")
	cell.click()
	control = cell.locator(f".frappe-control[data-fieldname='{field}']")
	if isinstance(value, bool):
		box = control.locator("input[type=checkbox]")
		if box.is_checked() != value:
			box.click()
	elif control.locator("select").count():
		control.locator("select").select_option(value)
	else:
		field_input = control.locator("input, textarea").first
		field_input.fill(str(value))
		# A grid cell takes its value when the cursor leaves it, not while typing.
		field_input.blur()
	page.wait_for_function(
		"([table, index, field, value]) => {"
		" const v = cur_frm.doc[table][index][field];"
		" return typeof value === 'boolean' ? !!v === value : String(v ?? '') === String(value); }",
		arg=[table, index, field, value],
	)
