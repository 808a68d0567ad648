"""Chinese category names wherever Frappe shows a category: link fields, lists, reports, search.

Feedback Category is a translated doctype: Frappe shows every link to it through the user's
translations, and a link search matches the translated names. A category's Chinese name is kept
as a Translation record, so a Chinese user reads 配送延迟 where the record says Late Delivery and
finds it by typing 配送. A name Frappe or an app already translates (Price, Other) keeps that
translation: a Translation record would change the word everywhere in the desk.
"""

import frappe
from frappe.translate import get_translations_from_apps
from frappe.utils.caching import request_cache

LANGUAGE = "zh"


def keep_translation(doc) -> None:
	"""The category's Chinese name as it is now, the one it had before removed."""
	before = doc.get_doc_before_save()
	_remove(doc.name, before.category_name_zh if before else None, unless=doc.category_name_zh)
	_add(doc.name, doc.category_name_zh)


def remove_translation(doc) -> None:
	_remove(doc.name, doc.category_name_zh)


def move_translation(doc, old: str, new: str, merge: bool = False) -> None:
	_remove(old, doc.category_name_zh)
	if not merge:
		_add(new, doc.category_name_zh)


def sync_all() -> None:
	"""Every category's missing translation (install and every migrate): one query for those that
	exist, then an insert for each that does not."""
	translated = set(
		frappe.get_all(
			"Translation",
			filters=[["language", "=", LANGUAGE], ["context", "is", "not set"]],
			pluck="source_text",
		)
	)
	for category in frappe.get_all(
		"Feedback Category", filters={"category_name_zh": ("is", "set")}, fields=["name", "category_name_zh"]
	):
		if category.name not in translated:
			_add(category.name, category.category_name_zh)


def remove_all() -> None:
	for category in frappe.get_all("Feedback Category", fields=["name", "category_name_zh"]):
		_remove(category.name, category.category_name_zh)


@request_cache
def _app_translations() -> dict[str, str]:
	# Reading every app's translation file takes about 80 ms: once per request or install, not
	# once per category.
	return get_translations_from_apps(LANGUAGE)


def _translations(source: str, translated: str | None = None) -> list[str]:
	filters = [
		["language", "=", LANGUAGE],
		["source_text", "=", source],
		["context", "is", "not set"],
	]
	if translated is not None:
		filters.append(["translated_text", "=", translated])
	return frappe.get_all("Translation", filters=filters, pluck="name")


def _add(source: str, translated: str | None) -> None:
	translated = (translated or "").strip()
	if not translated or translated == source or source in _app_translations():
		return
	# One the administrator wrote for this text stays theirs.
	if _translations(source):
		return
	frappe.get_doc(
		{"doctype": "Translation", "language": LANGUAGE, "source_text": source, "translated_text": translated}
	).insert(ignore_permissions=True)


def _remove(source: str, translated: str | None, unless: str | None = None) -> None:
	"""The Translation this category made, found by its text so that others' records stay."""
	translated = (translated or "").strip()
	if not translated or translated == (unless or "").strip():
		return
	for name in _translations(source, translated):
		frappe.delete_doc("Translation", name, ignore_permissions=True, force=True)
