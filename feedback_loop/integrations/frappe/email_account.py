"""Email Account (Frappe): an account that can send completes the e-mail setup step."""

from feedback_loop.services.onboarding.setup_state import refresh_onboarding

on_update = refresh_onboarding
on_trash = refresh_onboarding
