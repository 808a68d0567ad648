"""Values read on every save (enabled SLA policies, tree lineages, watched doctypes) kept in the
site's Redis cache instead of read again from the database.

Forgetting a value happens at once, after the commit and after a rollback: a request that reads
between the change and its commit caches the old rows again, and the commit's forgetting clears
them; a rolled-back change must not survive in the cache either. Like Frappe's own document
cache, a rollback to a savepoint is not seen.
"""

from collections.abc import Callable
from typing import Any

import frappe


def cached(key: str, generator: Callable[[], Any]) -> Any:
	value = frappe.cache.get_value(key)
	if value is None:
		value = generator()
		frappe.cache.set_value(key, value)
	return value


def cached_field(key: str, field: str, generator: Callable[[], Any]) -> Any:
	"""One entry of a Redis hash: a value per node of a tree, say."""
	value = frappe.cache.hget(key, field)
	if value is None:
		value = generator()
		frappe.cache.hset(key, field, value)
	return value


def forget(*keys: str) -> None:
	def clear():
		for key in keys:
			frappe.cache.delete_value(key)

	clear()
	frappe.db.after_commit.add(clear)
	frappe.db.after_rollback.add(clear)
