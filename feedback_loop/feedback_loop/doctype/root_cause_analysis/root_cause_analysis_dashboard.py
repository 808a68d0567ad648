from frappe import _


def get_data():
	return {
		"fieldname": "source_analysis",
		"transactions": [{"label": _("Improvement"), "items": ["Improvement Plan"]}],
	}
