"""A Text Editor field (HTML) as the plain text a customer wrote: what rules, analysis and
messages read."""

import html

from frappe.utils import strip_html_tags


def plain_text(value: str | None) -> str:
	"""Tags removed, entities decoded, outer whitespace stripped; None is the empty text."""
	return html.unescape(strip_html_tags(value or "")).strip()
