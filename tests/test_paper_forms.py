import pytest

from feedback_loop.core.callbacks.survey_answers import Scores
from feedback_loop.core.intake.paper_forms import answers_text, paper_form_type


@pytest.mark.parametrize(
	("scores", "complains", "kind"),
	[
		(Scores(csat=1), False, "Complaint"),
		(Scores(csat=5), True, "Complaint"),
		(Scores(nps=3), False, "Complaint"),
		(Scores(csat=4), False, "Praise"),
		(Scores(nps=9), False, "Praise"),
		(Scores(csat=3), False, "Suggestion"),
		(Scores(), False, "Suggestion"),
	],
)
def test_the_kind_of_feedback_a_paper_form_is(scores, complains, kind):
	assert paper_form_type(scores, complains) == kind


def test_the_answers_are_written_out_in_order_without_the_unanswered():
	assert answers_text([("满意度", "2"), ("原因", ""), ("建议", "包装加厚")]) == "满意度: 2\n建议: 包装加厚"
