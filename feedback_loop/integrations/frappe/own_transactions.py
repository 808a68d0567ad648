"""Work a job does a piece at a time, each piece in a transaction of its own: a piece that fails is
rolled back and logged, and the others go on; a long transaction would hold rows (a record
series' counter among them) that every other save waits for.

`apart`: one piece. `each_waiting`: every row a mark says is waiting (a record to triage, an
answer whose feedback is to be raised), oldest first, each tried once a run.
"""

from collections.abc import Callable, Iterator
from typing import TypeVar

import frappe

T = TypeVar("T")


def apart(work: Callable[[], T], *, failure_title: str, doctype: str, name: str) -> tuple[bool, T | None]:
	"""(whether it went through, what it returned); committed unless in a test."""
	frappe.db.savepoint("own_transaction")
	try:
		result = work()
	except Exception:
		frappe.db.rollback(save_point="own_transaction")
		frappe.log_error(title=failure_title, reference_doctype=doctype, reference_name=name)
		return False, None
	if not frappe.flags.in_test:
		frappe.db.commit()
	return True, result


def each_waiting(
	doctype: str,
	filters: dict,
	order_by: str,
	work: Callable[[str], T],
	*,
	failure_title: str,
	on_failure: Callable[[str], None] | None = None,
	batch: int = 200,
) -> Iterator[tuple[str, T]]:
	"""(name, what `work` returned) for each row that went through, after its commit."""
	tried: list[str] = []
	while True:
		names = frappe.get_all(
			doctype,
			filters={**filters, "name": ("not in", tried or [""])},
			pluck="name",
			order_by=order_by,
			limit=batch,
		)
		if not names:
			return
		for name in names:
			tried.append(name)
			went_through, result = apart(
				lambda name=name: work(name), failure_title=failure_title, doctype=doctype, name=name
			)
			if went_through:
				yield name, result
			elif on_failure:
				on_failure(name)
