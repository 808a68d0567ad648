"""The roles this app brings; created on install, removed on uninstall."""

ROLES = {
	"Feedback Manager": "Configures feedback_loop and handles all feedback",
	"Feedback Agent": "Handles feedback: triage, replies, resolution",
	"Quality Analyst": "Analyses root causes and drives improvement plans",
}
