"""Locking reads that see the latest committed row, on every MariaDB Frappe runs on.

MariaDB 11.6 turned `innodb_snapshot_isolation` on by default, and Frappe 16 requires 11.8: a
locking read of a row that another transaction changed after this one's first read fails
("Record has changed since last read", error 1020, which Frappe raises as a deadlock) instead of
returning the latest committed version. Frappe names a record by locking its naming series'
counter row, which every concurrent insert of the series changes, so under fifty clients most
inserts of a busy series fail (two thirds of ERPNext's own Issue inserts in docs/benchmarks.md).
A counter needs its latest value, not a snapshot's. For the requests that record feedback from
outside, this connection reads as MariaDB 10 did (Frappe 15's): locking reads wait for the lock,
then see the latest committed row; plain reads keep their snapshot. The setting is put back when
the work ends, and other requests, Frappe's and ERPNext's included, keep the server's.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import frappe

SETTING = "innodb_snapshot_isolation"

#: Whether each database server has the setting: asked once per process and server.
_server_has_setting: dict[tuple, bool] = {}


@contextmanager
def locking_reads_see_latest() -> Iterator[None]:
	switched = _switch_off()
	try:
		yield
	finally:
		if switched:
			frappe.db.sql(f"set session {SETTING} = default")


def _switch_off() -> bool:
	if not _has_setting():
		return False
	if not frappe.db.sql(f"select @@session.{SETTING}")[0][0]:
		return False
	frappe.db.sql(f"set session {SETTING} = 0")
	return True


def _has_setting() -> bool:
	server = (frappe.conf.db_host, frappe.conf.db_port, frappe.conf.db_socket)
	if server not in _server_has_setting:
		_server_has_setting[server] = bool(frappe.db.sql("show variables like %s", (SETTING,)))
	return _server_has_setting[server]
