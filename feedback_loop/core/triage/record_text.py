"""Which words of a record the analysis reads."""


def analysed_text(subject: str | None, description: str | None, expected_solution: str | None) -> str:
	"""Subject, description and expected solution, one per line, each stripped.

	Guarantees: empty parts are left out, and a part that repeats an earlier one (a description
	that is only the subject again) counts once, so a repeated complaint does not weigh double.
	"""
	parts = (subject, description, expected_solution)
	return "\n".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))
