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

	from feedback_loop.services.site_language import use_site_language
	from feedback_loop.services.triage.category_training import retrain_category_model as retrain

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		use_site_language()
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

	from feedback_loop.services.triage.analysis import reanalyse_records

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		count = reanalyse_records(everything)
		click.echo(f"analysed {count} records")
	finally:
		frappe.destroy()


@feedback_loop.command("make-demo-data")
@click.option("--records", type=int, default=10_000, show_default=True, help="feedback records to create")
@click.option("--customers", type=int, default=200, show_default=True)
@pass_context
def make_demo_data(context, records, customers):
	"""Two years of realistic bilingual demo feedback and revisits (bulk inserts)."""
	import frappe

	from feedback_loop.tools.demo_data.site import make_demo_data as make

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		click.echo(make(records, customers))
	finally:
		frappe.destroy()


@feedback_loop.command("remove-demo-data")
@pass_context
def remove_demo_data(context):
	"""Remove exactly what make-demo-data created."""
	import frappe

	from feedback_loop.tools.demo_data.site import remove_demo_data as remove

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		click.echo(remove())
	finally:
		frappe.destroy()


commands = [feedback_loop]
