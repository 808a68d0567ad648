from feedback_loop.core.callbacks.survey_answers import Scores, score_summary
from feedback_loop.core.triage.initial_sentiment import Sentiment
from feedback_loop.core.triage.survey_evidence import scores_from_summary, with_survey_evidence
from feedback_loop.core.triage.text.normalise import normalise
from feedback_loop.core.triage.text.sentiment import NEUTRAL_BAND, SentimentAnalyser, SentimentResult

analyser = SentimentAnalyser()


def test_the_summary_line_reads_back_as_the_scores_it_was_written_from():
	for scores in (Scores(csat=1.0), Scores(csat=4.5, nps=3), Scores(nps=10, ces=2.0), Scores()):
		assert scores_from_summary(score_summary(scores)) == scores
	assert scores_from_summary(None) == Scores()
	assert scores_from_summary("not a score") == Scores()


def test_a_low_csat_is_negative_whatever_the_words():
	polite = analyser.analyse(normalise("谢谢，没什么要补充的"))
	assert polite.label is not Sentiment.NEGATIVE
	shown = with_survey_evidence(polite, "CSAT 1/5")
	assert shown.label is Sentiment.NEGATIVE
	assert shown.score <= -NEUTRAL_BAND
	# The agent sees why: the score is the first reason.
	assert shown.cues[0] == ("CSAT 1/5", -1.0)


def test_a_detractor_nps_counts_as_low_too():
	shown = with_survey_evidence(analyser.analyse(normalise("ok")), "CSAT 3/5 · NPS 2/10")
	assert shown.label is Sentiment.NEGATIVE


def test_good_or_missing_scores_leave_the_text_to_decide():
	praise = analyser.analyse(normalise("The technician was quick and friendly"))
	assert with_survey_evidence(praise, "CSAT 5/5 · NPS 9/10") == praise
	assert with_survey_evidence(praise, None) == praise
	assert with_survey_evidence(praise, "") == praise


def test_an_already_negative_text_keeps_its_stronger_score():
	complaint = SentimentResult(Sentiment.NEGATIVE, -0.9, (("态度差", -2.0),))
	shown = with_survey_evidence(complaint, "CSAT 2/5")
	assert shown.score == -0.9
	assert [c[0] for c in shown.cues] == ["CSAT 2/5", "态度差"]
