"""Auto Email Report (Frappe): a feedback digest switched on with recipients completes its setup step."""

from feedback_loop.services.onboarding.setup_state import refresh_onboarding

on_update = refresh_onboarding
on_trash = refresh_onboarding
