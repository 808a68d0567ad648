"""A deleted ERPNext document leaves its trace on the records that pointed at it.

Deleting a Sales Order, an invoice or a customer is an everyday correction in ERPNext; the
feedback about it stays. The record loses the link (a link to nothing cannot be saved again)
and keeps one line per deleted document: what it was, its number and date, when and by whom it
was deleted. A revisit that was still to be sent about the document is cancelled: there is
nothing left to ask about.
"""

from dataclasses import dataclass
from datetime import date, datetime

#: Revisit states in which nothing has reached the customer yet.
WAITING_STATES = frozenset({"Scheduled"})


@dataclass(frozen=True)
class DeletedDocument:
	doctype: str
	name: str
	#: The document's own date (posting, transaction or opening date), else when it was created.
	dated: date | None
	deleted_on: datetime
	deleted_by: str

	def line(self, doctype_label: str) -> str:
		dated = f" ({self.dated.isoformat()})" if self.dated else ""
		return (
			f"{doctype_label} {self.name}{dated}: "
			f"{self.deleted_on.strftime('%Y-%m-%d %H:%M')} {self.deleted_by}"
		)


def with_line(trace: str | None, line: str) -> str:
	"""The trace with `line` appended once; a record linked twice to the same document (a
	field and a revisit's reference) keeps one line."""
	lines = [existing for existing in (trace or "").splitlines() if existing.strip()]
	if line not in lines:
		lines.append(line)
	return "\n".join(lines)


def cancels(status: str | None) -> bool:
	"""Whether a revisit in `status` about a deleted document is cancelled."""
	return status in WAITING_STATES
