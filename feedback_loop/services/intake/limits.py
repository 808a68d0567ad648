"""How many requests an outside address may make: read from Feedback Settings at call time."""

from feedback_loop.services.feedback_settings import get_feedback_settings

DEFAULT_API_PER_MINUTE = 120
DEFAULT_WEB_PER_HOUR = 10
DEFAULT_SURVEY_PER_HOUR = 20


def api_requests_per_minute() -> int:
	return get_feedback_settings().api_requests_per_minute or DEFAULT_API_PER_MINUTE


def web_submissions_per_hour() -> int:
	return get_feedback_settings().web_submissions_per_hour or DEFAULT_WEB_PER_HOUR


def survey_answers_per_hour() -> int:
	"""Per address: a shop's or a company's customers may share one address behind a NAT."""
	return get_feedback_settings().survey_answers_per_hour or DEFAULT_SURVEY_PER_HOUR


def max_attachment_bytes() -> int:
	return (get_feedback_settings().max_attachment_mb or 5) * 1024 * 1024
