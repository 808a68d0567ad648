"""Every user-facing string ships with a Chinese translation."""

import csv
import json
import re

from translatable_strings import APP, all_strings, python_strings

from feedback_loop.setup.roles import ROLES

ZH = APP / "translations" / "zh.csv"
PLACEHOLDER = re.compile(r"\{\d+\}")


def translations() -> dict[str, str]:
	return {row[0]: row[1] for row in csv_rows(ZH)}


def test_every_string_has_a_chinese_translation():
	missing = sorted((all_strings() | set(ROLES)) - set(translations()))
	assert missing == [], f"{len(missing)} strings have no zh translation"


def test_translations_keep_their_placeholders():
	broken = [
		source
		for source, target in translations().items()
		if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target))
	]
	assert broken == []


def test_translations_are_not_left_in_english():
	untranslated = [s for s, t in translations().items() if s == t and re.search(r"[A-Za-z]{3}", s)]
	assert untranslated == []


def test_the_extractor_finds_messages():
	assert "Please select the customer this feedback comes from." in python_strings()


def csv_rows(path) -> list[list[str]]:
	with path.open(encoding="utf-8", newline="") as f:
		return [row for row in csv.reader(f) if row]


def zh_in_context() -> set[tuple[str, str]]:
	return {(row[0], row[2]) for row in csv_rows(ZH) if len(row) > 2 and row[2]}


def zh_everywhere() -> set[str]:
	return {row[0] for row in csv_rows(ZH) if len(row) < 3 or not row[2]}


def our_fields():
	"""(doctype name, field) of every field of the app's doctypes."""
	for path in sorted((APP / "feedback_loop" / "doctype").glob("*/*.json")):
		doctype = json.loads(path.read_text(encoding="utf-8"))
		for field in doctype.get("fields", []):
			yield doctype["name"], field


def select_options():
	"""(doctype name, field, option) of every Select option of the app's doctypes."""
	for doctype, field in our_fields():
		if field.get("fieldtype") == "Select":
			for option in filter(None, (field.get("options") or "").split("\n")):
				yield doctype, field, option


def test_every_select_option_reads_in_chinese_in_its_doctype():
	# Frappe's own translation of a bare word is often another sense of it (Duplicate: 复制, to
	# copy; Manual: 手册, a handbook), so each option needs ours, in its doctype's context or
	# for every context.
	in_context, everywhere = zh_in_context(), zh_everywhere()
	missing = [
		f"{doctype}.{field['fieldname']}: {option}"
		for doctype, field, option in select_options()
		if option not in everywhere and (option, doctype) not in in_context
	]
	assert missing == []


def test_a_label_worded_for_one_of_our_doctypes_is_worded_so_in_all():
	# A label translated in one doctype's context (Priority: 优先级) falls back elsewhere to
	# Frappe's word (优先); the same field would read differently from form to form.
	in_context = zh_in_context()
	worded = {source for source, _context in in_context}
	missing = [
		f"{doctype}.{field['fieldname']}: {field.get('label')}"
		for doctype, field in our_fields()
		if field.get("label") in worded and (field.get("label"), doctype) not in in_context
	]
	assert missing == []


def test_every_table_label_reads_in_chinese_without_a_context():
	# Frappe labels a form's table without the doctype's context: a label translated only in
	# context would show in English, or as Frappe's word (Actions: 操作, the actions menu).
	everywhere = zh_everywhere()
	missing = [
		f"{doctype}.{field['fieldname']}: {field['label']}"
		for doctype, field in our_fields()
		if field.get("fieldtype") in ("Table", "Table MultiSelect") and field["label"] not in everywhere
	]
	assert missing == []


def test_every_coded_select_option_reads_as_words_in_english():
	# An option stored as a code (zh, en, mixed) would show as that code to an English reader:
	# en.csv gives it words, in its doctype's context only.
	english = {(row[0], row[2]): row[1] for row in csv_rows(APP / "translations" / "en.csv") if len(row) > 2}
	missing = [
		f"{doctype}.{field['fieldname']}: {option}"
		for doctype, field, option in select_options()
		if re.fullmatch(r"[a-z_]+", option) and (option, doctype) not in english
	]
	assert missing == []
	assert english[("zh", "Feedback Record")] == "Chinese"


def test_a_record_s_statuses_read_as_the_closed_loop_in_chinese():
	# The seeds' loop: 处理中 → 已完成 → 已闭环 (in progress, resolved, closed: the customer confirmed).
	in_context = {(row[0], row[2]): row[1] for row in csv_rows(ZH) if len(row) > 2}
	assert [in_context[(status, "Feedback Record")] for status in ("In Progress", "Resolved", "Closed")] == [
		"处理中",
		"已完成",
		"已闭环",
	]
