"""6. Every report of the app, and the Feedback Loop workspace, open for a Feedback Manager without
errors and show data or an empty state."""

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from desk import current, open_desk, t
from playwright.sync_api import expect

REPORT_FOLDER = Path(__file__).resolve().parent.parent / "feedback_loop" / "feedback_loop" / "report"
#: Every report the app ships, read from its folders: a new report is tested without a new line here.
REPORTS = sorted(json.loads(path.read_text())["name"] for path in REPORT_FOLDER.glob("*/*.json"))
WORKSPACE = REPORT_FOLDER.parent / "workspace" / "feedback_loop" / "feedback_loop.json"


def slug(name: str) -> str:
	return name.lower().replace(" ", "-")


@pytest.mark.parametrize("report", REPORTS)
def test_report_opens(open_page, data, lang, report, screenshot):
	page = open_page(data["users"]["manager"][lang], lang=lang)
	with page.expect_response(lambda r: "frappe.desk.query_report.run" in r.url) as run:
		page.goto(f"/app/query-report/{quote(report)}")
	assert run.value.status == 200, run.value.text()[:500]
	rows = run.value.json()["message"].get("result") or []
	page.wait_for_function(
		"(name) => window.frappe && frappe.query_report && frappe.query_report.report_name === name",
		arg=report,
	)
	# The window's title: Frappe 16 shows a report's name in the breadcrumbs, not in a page head.
	expect(page).to_have_title(re.compile(re.escape(t(page, report))))
	if rows:
		expect(current(page, ".dt-scrollable .dt-row").first).to_be_visible()
	else:
		expect(current(page, ".msg-box").filter(has_text=t(page, "Nothing to show"))).to_be_visible()
	screenshot(page, f"{slug(report)}-{lang}-desktop")


def workspace_number_cards() -> list[str]:
	return [card["number_card_name"] for card in json.loads(WORKSPACE.read_text())["number_cards"]]


def open_workspace(page) -> None:
	open_desk(page, "feedback-loop")
	expect(current(page, ".codex-editor .ce-block .widget").first).to_be_visible()


def test_workspace_opens(open_page, data, lang, screenshot):
	page = open_page(data["users"]["manager"][lang], lang=lang)
	open_workspace(page)
	workspace = json.loads(WORKSPACE.read_text())
	charts = current(page, ".widget.dashboard-widget-box")
	expect(charts).to_have_count(len(workspace["charts"]))
	no_data = t(page, "No Data")
	for i in range(len(workspace["charts"])):
		# A drawn chart, or the chart's own empty state.
		chart = charts.nth(i)
		drawn = chart.locator("svg.frappe-chart")
		empty = chart.locator(".chart-loading-state").filter(has_text=no_data)
		expect(drawn.or_(empty).filter(visible=True).first).to_be_visible()
	cards = current(page, ".widget.number-widget-box")
	expect(cards.first).to_be_visible()
	for i in range(cards.count()):
		# A number, never the "..." of a card still loading or failed.
		expect(cards.nth(i).locator(".number")).to_have_text(re.compile(r"\S"))
		expect(cards.nth(i).locator(".number")).not_to_have_text("...")
	blocks = json.loads(workspace["content"])
	expect(current(page, ".widget.links-widget-box")).to_have_count(
		sum(1 for block in blocks if block["type"] == "card")
	)
	screenshot(page, f"workspace-{lang}-desktop", full_page=True)


def test_workspace_shows_every_number_card_to_a_manager(open_page, data):
	# Frappe shows a number card to whoever may read its document type (System Managers see all):
	# the Custom cards name the doctype their figure is read from, or only System Managers saw them.
	page = open_page(data["users"]["manager"]["en"])
	open_workspace(page)
	cards = current(page, ".widget.number-widget-box")
	expect(cards.first.locator(".number")).to_have_text(re.compile(r"\d"))
	shown = [cards.nth(i).locator(".widget-title").inner_text() for i in range(cards.count())]
	assert len(shown) == len(workspace_number_cards()), f"shown: {shown}"
