from datetime import date, datetime

from feedback_loop.core.erp_links.deleted import DeletedDocument, cancels, with_line


def deleted(**kw):
	values = dict(
		doctype="Sales Order",
		name="SAL-ORD-2026-00001",
		dated=date(2026, 12, 1),
		deleted_on=datetime(2026, 12, 6, 20, 40, 5),
		deleted_by="li.na@example.com",
	)
	values.update(kw)
	return DeletedDocument(**values)


def test_the_trace_says_what_it_was_its_number_date_and_who_deleted_it_when():
	assert (
		deleted().line("销售订单")
		== "销售订单 SAL-ORD-2026-00001 (2026-12-01): 2026-12-06 20:40 li.na@example.com"
	)
	assert deleted(dated=None).line("Issue") == "Issue SAL-ORD-2026-00001: 2026-12-06 20:40 li.na@example.com"


def test_lines_add_up_once_each():
	first = with_line(None, "Issue ISS-1: x")
	assert first == "Issue ISS-1: x"
	both = with_line(first, "Item CUP: y")
	assert both == "Issue ISS-1: x\nItem CUP: y"
	assert with_line(both, "Item CUP: y") == both
	assert with_line("\n\n", "a") == "a"


def test_only_a_revisit_not_yet_sent_is_cancelled():
	assert cancels("Scheduled")
	for status in ("Sent", "Responded", "No Response", "Cancelled", "Failed", None):
		assert not cancels(status)
