"""Run a request's work again when the database chose it as a deadlock victim.

InnoDB rolls the victim's whole transaction back and asks the client to try again. Saving a
document's child rows takes gap locks (Frappe deletes the rows no longer there before it
inserts), so two customers answering their surveys at the same moment can deadlock on the
answers table; the right answer to one of them is a retry, not an error page. MariaDB 11.8
(Frappe 16's) also refuses, under its default snapshot isolation, to lock a row another request
changed after this one's first read ("Record has changed since last read"), which Frappe raises
as the same error; the work runs with locking reads that see the latest row
(integrations/frappe/write_conflicts.py), so a naming series' counter no longer refuses it.

Only a whole request is retried (the API and webhook entry points), never a step inside one:
the rollback takes back everything the request did so far.
"""

import random
import time

import frappe

from feedback_loop.integrations.frappe.write_conflicts import locking_reads_see_latest

ATTEMPTS = 8
BACKOFF_BASE = 0.025
#: Seconds: eight attempts stay within a few seconds however busy the site is.
BACKOFF_CAP = 0.8


def retry_on_deadlock(work):
	for attempt in range(1, ATTEMPTS + 1):
		try:
			with locking_reads_see_latest():
				return work()
		except frappe.QueryDeadlockError:
			if attempt == ATTEMPTS:
				raise
			frappe.db.rollback()
			# Messages of the rolled-back attempt must not reach the caller.
			frappe.local.message_log = []
			# Exponential backoff with jitter: requests that collided once spread out.
			time.sleep(random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * 2**attempt)))
