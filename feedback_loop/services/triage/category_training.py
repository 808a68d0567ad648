"""Retrain the category model on the records whose category an agent chose or confirmed."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from feedback_loop.core.feedback_status import Status
from feedback_loop.core.triage.text.category_model import CategoryModel, NotEnoughExamples
from feedback_loop.core.triage.text.normalise import normalise
from feedback_loop.core.triage.text.triage import CategorySource
from feedback_loop.services.triage.engine import bump_triage_version
from feedback_loop.services.triage.record_text import analysis_text

#: The newest confirmed records are the ones that describe today's problems.
MAX_TRAINING_RECORDS = 50_000
MODEL_FILE_NAME = "feedback_category_model.pkl"


def training_records() -> list[dict]:
	return frappe.get_all(
		"Feedback Record",
		filters={
			"category_source": CategorySource.MANUAL,
			"category": ("is", "set"),
			"status": ("not in", (Status.DUPLICATE.value, Status.INVALID.value)),
		},
		fields=["subject", "description", "expected_solution", "category"],
		order_by="creation desc",
		limit=MAX_TRAINING_RECORDS,
		ignore_permissions=True,
	)


def chinese_names() -> dict[str, list[str]]:
	"""Each category's Chinese name: found in a text, it counts for the category as its name does."""
	return {
		row.name: [row.category_name_zh]
		for row in frappe.get_all(
			"Feedback Category",
			filters={"category_name_zh": ("is", "set")},
			fields=["name", "category_name_zh"],
			ignore_permissions=True,
		)
	}


def retrain_category_model() -> dict:
	"""Train, store the model as a private file on Feedback Settings, and make workers reload it."""
	records = training_records()
	texts = [normalise(analysis_text(r)).text for r in records]
	settings = frappe.get_single("Feedback Settings")
	try:
		model = CategoryModel.train(texts, [r.category for r in records], chinese_names())
	except NotEnoughExamples:
		message = _("Not trained: {0} confirmed records; at least two categories need three each.").format(
			len(records)
		)
		settings.db_set("category_model_message", message)
		return {"trained": False, "message": message}

	old_files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Feedback Settings", "attached_to_field": "category_model_file"},
		pluck="name",
	)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": MODEL_FILE_NAME,
			"attached_to_doctype": "Feedback Settings",
			"attached_to_name": "Feedback Settings",
			"attached_to_field": "category_model_file",
			"is_private": 1,
			"content": model.dumps(),
		}
	).insert(ignore_permissions=True)
	for name in old_files:
		frappe.delete_doc("File", name, ignore_permissions=True, force=True)
	message = _("Trained on {0} records in {1} categories.").format(model.examples, len(model.categories))
	settings.db_set(
		{
			"category_model_file": file.file_url,
			"category_model_trained_on": now_datetime(),
			"category_model_examples": model.examples,
			"category_model_categories": len(model.categories),
			"category_model_message": message,
		}
	)
	frappe.clear_document_cache("Feedback Settings", "Feedback Settings")
	bump_triage_version()
	return {"trained": True, "message": message}
