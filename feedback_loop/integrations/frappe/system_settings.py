"""System Settings (Frappe): the site's time zone set later (ERPNext's setup wizard runs after the
app was installed) carries the SLA policies that still follow the old one along with it."""

from feedback_loop.services.sla.policy import follow_site_timezone


def on_update(doc, method=None) -> None:
	before = doc.get_doc_before_save()
	if before is not None and before.time_zone and doc.time_zone and before.time_zone != doc.time_zone:
		follow_site_timezone(before.time_zone, doc.time_zone)
