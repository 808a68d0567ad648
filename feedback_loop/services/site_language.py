"""Work that has no reader at hand, scheduled jobs and bench commands, speaks the site's language."""

import frappe


def use_site_language() -> None:
	"""Frappe starts a job or a command in English (or the site config's `lang`), but what it
	writes, timeline notes, digests and status lines, is read later by the site's users, in the
	language the site was set up in (System Settings)."""
	frappe.local.lang = frappe.get_system_settings("language") or frappe.local.lang


def site_language() -> str:
	"""The language the site's users read what the app writes for them (timeline, status reasons)."""
	return frappe.get_system_settings("language") or "en"
