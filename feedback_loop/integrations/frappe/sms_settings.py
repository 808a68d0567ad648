"""SMS Settings (Frappe): a gateway completes the SMS or WeChat setup step."""

from feedback_loop.services.onboarding.setup_state import refresh_onboarding

on_update = refresh_onboarding
