"""Locking reads that see the latest committed row, on every MariaDB Frappe runs on.

MariaDB 11.6 turned `innodb_snapshot_isolation` on by default, and Frappe 16 requires 11.8: a
locking read of a row that another transaction changed after this one's first read fails
("Record has changed since last read", error 1020, which Frappe raises as a deadlock) instead of
returning the latest committed version. Frappe names a record by locking its naming series'
counter row, which every concurrent insert of the series changes, so under fifty clients most
inserts of a busy series fail (two thirds of ERPNext's own Issue inserts in docs/benchmarks.md).
A counter needs its latest value, not a snapshot's. For the requests that record feedback from
outside, a revisit's insert inside another document's save, and the transaction that inserts a
Feedback Record, this connection reads as MariaDB 10 did (Frappe 15's): locking reads wait for the
lock, then see the latest committed row; plain reads keep their snapshot. The setting is put back
when the work (or the transaction) ends, and other requests, Frappe's and ERPNext's included,
keep the server's.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import frappe

SETTING = "innodb_snapshot_isolation"
#: Set while this connection reads so, so that nested work changes nothing and costs nothing.
_SWITCHED = "feedback_loop_latest_locking_reads"

#: Whether each database server refuses such reads by default (MariaDB 11.6+; 10.6.18+ and
#: 10.11.8+ have the setting, off): asked once per process and server.
_refuses_by_default: dict[tuple, bool] = {}


@contextmanager
def locking_reads_see_latest() -> Iterator[None]:
	switched = _switch_off()
	try:
		yield
	finally:
		if switched:
			_put_back()


def for_this_transaction() -> None:
	"""Until this transaction commits or rolls back: for work inside Frappe's own steps (a
	document's insert, whose naming comes after our hook), which no `with` can wrap."""
	if _switch_off():
		for callbacks in (frappe.db.after_commit, frappe.db.after_rollback):
			callbacks.add(_put_back)


def _switch_off() -> bool:
	if not _server_refuses() or frappe.flags.get(_SWITCHED):
		return False
	frappe.db.sql(f"set session {SETTING} = 0")
	frappe.flags[_SWITCHED] = True
	return True


def _put_back() -> None:
	if frappe.flags.pop(_SWITCHED, None):
		frappe.db.sql(f"set session {SETTING} = default")


def _server_refuses() -> bool:
	server = (frappe.conf.db_host, frappe.conf.db_port, frappe.conf.db_socket)
	if server not in _refuses_by_default:
		setting = frappe.db.sql("show global variables like %s", (SETTING,))
		_refuses_by_default[server] = bool(setting) and setting[0][1] in ("ON", "1")
	return _refuses_by_default[server]
