"""Rows to write back, grouped so that no single UPDATE grows past what the database accepts.

Frappe's `bulk_update` writes a group of rows as one `UPDATE … CASE` statement. E-mails with
inline images run to megabytes each, and MariaDB refuses a statement larger than its
`max_allowed_packet` (16 MB by default), so groups are bounded by size as well as by rows.
"""

from collections.abc import Mapping

#: What a CASE branch costs besides its value: "WHEN `name`='…' THEN '…'" and the quoting.
_PER_FIELD_OVERHEAD = 32


def row_bytes(name: str, values: Mapping[str, object]) -> int:
	"""About what one row adds to the statement: its name once per field, and every value."""
	size = 0
	for value in values.values():
		text = "" if value is None else str(value)
		size += len(name.encode()) + len(text.encode()) + _PER_FIELD_OVERHEAD
	return size


def size_bounded(
	updates: Mapping[str, Mapping[str, object]], max_bytes: int, max_rows: int
) -> list[dict[str, Mapping[str, object]]]:
	"""Consecutive groups of `updates`, in order, each at most `max_rows` rows and `max_bytes`,
	except that a row larger than `max_bytes` on its own forms a group of one."""
	groups: list[dict[str, Mapping[str, object]]] = []
	group: dict[str, Mapping[str, object]] = {}
	size = 0
	for name, values in updates.items():
		cost = row_bytes(name, values)
		if group and (len(group) >= max_rows or size + cost > max_bytes):
			groups.append(group)
			group, size = {}, 0
		group[name] = values
		size += cost
	if group:
		groups.append(group)
	return groups
