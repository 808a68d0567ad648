"""Forgetting values kept in the site's Redis cache (enabled SLA policies, tree lineages, watched
doctypes), which are read on every save through Frappe's `frappe.cache.get_value` / `hget` with a
generator.

Forgetting happens at once, after the commit and after a rollback: a request that reads between
the change and its commit caches the old rows again, and the commit's forgetting clears them; a
rolled-back change must not survive in the cache either. Like Frappe's own document cache, a
rollback to a savepoint is not seen.
"""

import frappe


def forget(*keys: str) -> None:
	def clear():
		frappe.cache.delete_value(list(keys))

	clear()
	frappe.db.after_commit.add(clear)
	frappe.db.after_rollback.add(clear)
