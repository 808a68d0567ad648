"""Bench commands: `bench --site SITE feedback-loop --help`."""

import click
from frappe.commands import get_site, pass_context


@click.group("feedback-loop")
def feedback_loop():
	"""feedback_loop maintenance."""


@feedback_loop.command("retrain-category-model")
@pass_context
def retrain_category_model(context):
	"""Retrain the category model on the records agents categorised or confirmed."""
	import frappe

	from feedback_loop.services.category_training import retrain_category_model as retrain

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		result = retrain()
		frappe.db.commit()
		click.echo(result["message"])
	finally:
		frappe.destroy()


@feedback_loop.command("reanalyse")
@click.option("--all", "everything", is_flag=True, help="every record, not only those pending re-analysis")
@pass_context
def reanalyse(context, everything):
	"""Analyse feedback text again, e.g. after changing cues or categories' keywords."""
	import frappe

	from feedback_loop.services.triage import reanalyse_records

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		count = reanalyse_records(everything)
		click.echo(f"analysed {count} records")
	finally:
		frappe.destroy()


commands = [feedback_loop]
