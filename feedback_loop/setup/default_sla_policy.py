"""The SLA policy seeded on install, per the seed documents: Urgent resolved within 24 clock hours,
High 3, Medium 5, Low 10 working days; working hours 09:00–12:00 and 13:30–18:00, Monday to Friday."""

_WINDOWS = [("09:00:00", "12:00:00"), ("13:30:00", "18:00:00")]

DEFAULT_POLICY = {
	"policy_name": "Standard",
	"enabled": 1,
	"is_default": 1,
	"precedence": 100,
	"warning_threshold": 80,
	"pause_statuses": "Waiting on Customer",
	"fulfil_statuses": "Resolved\nClosed\nInvalid\nDuplicate",
	"working_windows": [
		{"weekday": day, "start_time": start, "end_time": end}
		for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
		for start, end in _WINDOWS
	],
	"targets": [
		{
			"priority": "Urgent",
			"response_time": 2,
			"response_unit": "Working Hours",
			"resolution_time": 24,
			"resolution_unit": "Clock Hours",
		},
		{
			"priority": "High",
			"response_time": 4,
			"response_unit": "Working Hours",
			"resolution_time": 3,
			"resolution_unit": "Working Days",
		},
		{
			"priority": "Medium",
			"response_time": 1,
			"response_unit": "Working Days",
			"resolution_time": 5,
			"resolution_unit": "Working Days",
		},
		{
			"priority": "Low",
			"response_time": 2,
			"response_unit": "Working Days",
			"resolution_time": 10,
			"resolution_unit": "Working Days",
		},
	],
	"escalations": [
		{"trigger": "At Warning", "action": "Notify Assignee"},
		{"trigger": "At Breach", "action": "Notify Role", "role": "Feedback Manager"},
		# One working day (7.5 working hours) after the breach.
		{"trigger": "After Breach", "delay_working_hours": 7.5, "action": "Raise Priority"},
	],
}
