"""Text analysis of feedback: normalisation, sentiment, keywords, categories, vague and duplicate text.

Framework-free; feedback_loop.services.triage applies it to Feedback Records.
"""
