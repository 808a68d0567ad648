"""Run a request's work again when the database chose it as a deadlock victim.

InnoDB rolls the victim's whole transaction back and asks the client to try again. Saving a
document's child rows takes gap locks (Frappe deletes the rows no longer there before it
inserts), so two customers answering their surveys at the same moment can deadlock on the
answers table; the right answer to one of them is a retry, not an error page.
"""

import random
import time

import frappe

ATTEMPTS = 3


def retry_on_deadlock(work):
	for attempt in range(1, ATTEMPTS + 1):
		try:
			return work()
		except frappe.QueryDeadlockError:
			if attempt == ATTEMPTS:
				raise
			frappe.db.rollback()
			# Messages of the rolled-back attempt must not reach the caller.
			frappe.local.message_log = []
			time.sleep(random.uniform(0.02, 0.1) * attempt)
