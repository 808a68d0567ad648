"""The survey a callback sends: its link, its e-mail, its page, and what the answers set off.

Answers close the loop: a low score or a complaint in the free text becomes a Feedback Record
(follow_up.py: raised by a job right after a customer's answer, in the request of an agent's
call); a verification revisit the customer confirms closes the feedback it verifies, "not
solved" reopens it with a higher priority.
"""

import time

import frappe
from frappe import _
from frappe.utils import now_datetime

from feedback_loop.core.callbacks.loop import FirstVerification
from feedback_loop.core.callbacks.survey_answers import (
	MAX_QUESTIONS,
	MIN_QUESTIONS,
	AnswerProblem,
	Question,
	QuestionType,
	clean_answers,
	is_low,
	score_summary,
	scores_of,
	template_problems,
)
from feedback_loop.core.callbacks.survey_token import TokenProblem, check_token
from feedback_loop.core.triage.initial_sentiment import Sentiment
from feedback_loop.services.callbacks.follow_up import queue_follow_up, raise_follow_up
from feedback_loop.services.callbacks.links import secret
from feedback_loop.services.callbacks.resolution import close_or_reopen, verification_outcome
from feedback_loop.services.campaigns.incentive import give_incentive
from feedback_loop.services.messages.language import language_for
from feedback_loop.services.privacy.consent import privacy_notice, record_consent
from feedback_loop.services.triage.engine import get_triager

ANSWERABLE = ("Scheduled", "Sent")


def language_of(callback) -> str:
	"""The revisit's language: the feedback it verifies was answered in one, else the contact's
	choice, else the Customer's language when not the site default, else the site's."""
	if not callback.language:
		record_language = (
			frappe.db.get_value("Feedback Record", callback.feedback_record, "reply_language")
			if callback.feedback_record
			else None
		)
		callback.language = language_for(
			explicit=record_language, contact=callback.contact, customer=callback.customer
		)
	return callback.language


def questions_of(template) -> list[Question]:
	return [
		Question(
			key=f"q{row.idx}",
			type=QuestionType(row.question_type),
			required=bool(row.required),
			options=_lines(row.options_en),
			translated_options=_lines(row.options_zh),
		)
		for row in template.questions
	]


def _lines(value: str | None) -> tuple[str, ...]:
	return tuple(line.strip() for line in (value or "").splitlines() if line.strip())


def validate_template(template) -> None:
	for problem in template_problems(questions_of(template)):
		kind, _sep, key = problem.partition(":")
		row = key[1:]
		if kind == "question_count":
			frappe.throw(
				_("A survey has {0} to {1} questions; this one has {2}.").format(
					MIN_QUESTIONS, MAX_QUESTIONS, len(template.questions)
				)
			)
		if kind == "options":
			frappe.throw(_("Row {0}: a single-choice question needs at least two options.").format(row))
		if kind == "translation":
			frappe.throw(
				_("Row {0}: give as many Chinese options as English ones, in the same order.").format(row)
			)


def render_survey_email(callback, url: str, reminder: bool = False) -> tuple[str, str]:
	language = language_of(callback)
	template = frappe.get_cached_doc("Feedback Survey Template", callback.survey_template)
	intro = template.get(f"intro_{language}") or template.intro_en or ""
	with frappe.translate.print_language(language):
		subject = _("Reminder: how did we do?") if reminder else _("How did we do?")
		button = _("Answer the survey")
		note = _("It takes a minute. The link works once.")
	message = frappe.render_template(
		"""<p>{{ intro }}</p><p><a href="{{ url }}" style="display:inline-block;padding:10px 18px;background:#2563eb;color:#fff;border-radius:6px;text-decoration:none">{{ button }}</a></p><p style="color:#6b7280">{{ note }}</p>""",
		{"intro": intro, "url": url, "button": button, "note": note},
	)
	return subject, message


class SurveyRefused(Exception):
	def __init__(self, reason: str, callback: str | None = None):
		super().__init__(reason)
		self.reason = reason
		#: The revisit the link belongs to, when the link is genuine (its page keeps the language).
		self.callback = callback


def callback_for_token(token: str, lock: bool = False):
	"""The callback a token opens, or SurveyRefused with a reason the page explains.

	`lock`: for answering. The row lock makes a second submission of the same link wait for the
	first, then find it Responded, so one link never stores two sets of answers.
	"""
	checked = check_token(secret(), token, int(time.time()))
	if checked.problem in (TokenProblem.MALFORMED, TokenProblem.TAMPERED):
		raise SurveyRefused("invalid")
	if not checked.callback:
		raise SurveyRefused("invalid")
	if lock:
		# A locking read sees the answer another request committed while this one waited. Only
		# the callback's row is locked: locking its (still empty) answer rows would take gap locks.
		status = frappe.db.get_value("Feedback Callback", checked.callback, "status", for_update=True)
		if status is None:
			raise SurveyRefused("invalid")
		if status == "Responded":
			raise SurveyRefused("used", checked.callback)
	elif not frappe.db.exists("Feedback Callback", checked.callback):
		raise SurveyRefused("invalid")
	callback = frappe.get_doc("Feedback Callback", checked.callback)
	if callback.status == "Responded":
		raise SurveyRefused("used", callback.name)
	if checked.problem is TokenProblem.EXPIRED or callback.status not in ANSWERABLE:
		raise SurveyRefused("expired", callback.name)
	return callback


def page_context(callback) -> dict:
	return template_context(callback.survey_template, language_of(callback))


def template_context(template_name: str, language: str) -> dict:
	"""A survey template's questions, texts and options in `language` ("zh" or "en"): for the
	survey page, a phone call and the printed questionnaire alike."""
	template = frappe.get_cached_doc("Feedback Survey Template", template_name)
	questions = []
	for row, question in zip(template.questions, questions_of(template), strict=True):
		translated = question.translated_options
		shown = (
			translated if language == "zh" and len(translated) == len(question.options) else question.options
		)
		questions.append(
			{
				"key": question.key,
				"type": question.type.value,
				"text": row.get(f"question_{language}") or row.question_en,
				"required": question.required,
				"options": list(zip(question.options, shown, strict=True)),
			}
		)
	return {
		"language": language,
		"intro": template.get(f"intro_{language}") or template.intro_en,
		"thank_you": template.get(f"thank_you_{language}") or template.thank_you_en,
		"questions": questions,
		"privacy_notice": privacy_notice(language),
	}


def submit(callback, raw_answers: dict) -> dict:
	"""Validate and store the answers, all or nothing; returns {'ok': True} or the problems."""
	template = frappe.get_cached_doc("Feedback Survey Template", callback.survey_template)
	questions = questions_of(template)
	answers, problems = clean_answers(questions, raw_answers)
	if problems:
		return {"ok": False, "problems": {key: problem_message(p) for key, p in problems.items()}}
	# The customer's phone waits for the answer only: the feedback it raises follows in a job.
	store_answers(callback, template, questions, answers, follow_up_later=True)
	coupon = give_incentive(callback) if callback.coupon_code else None
	return {"ok": True, "coupon": coupon} if coupon else {"ok": True}


def problem_message(problem: AnswerProblem) -> str:
	return {
		AnswerProblem.REQUIRED: _("Please answer this question."),
		AnswerProblem.NOT_A_NUMBER: _("Please choose a score."),
		AnswerProblem.OUT_OF_RANGE: _("Please choose one of the scores shown."),
		AnswerProblem.UNKNOWN_OPTION: _("Please choose one of the options shown."),
		AnswerProblem.TOO_LONG: _("Please keep your answer under 2,000 characters."),
	}[problem]


def store_answers(callback, template, questions, answers: dict, follow_up_later: bool = False) -> None:
	"""`follow_up_later`: the feedback an unhappy answer raises is raised after the commit, by a job
	(follow_up.py); otherwise in this request (an agent recording a call sees it on the form)."""
	scores = scores_of(questions, answers)
	callback.set("answers", [])
	for row, question in zip(template.questions, questions, strict=True):
		if question.key in answers:
			callback.append(
				"answers",
				{
					"question": row.get(f"question_{language_of(callback)}") or row.question_en,
					"question_type": row.question_type,
					"answer": answers[question.key],
					# Lets a personal-data request find the answers of this person.
					"respondent_email": callback.contact_email,
				},
			)
	callback.update(
		{
			"csat": scores.csat,
			"nps": scores.nps,
			"nps_answered": 1 if scores.nps is not None else 0,
			"ces": scores.ces,
			"solved": None if scores.solved is None else ("Yes" if scores.solved else "No"),
			"status": "Responded",
			"responded_on": now_datetime(),
		}
	)
	record_consent(callback, True)
	settings = frappe.get_cached_doc("Feedback Settings")
	low = is_low(scores, settings.get("low_csat_at_most") or 2, settings.get("low_nps_at_most") or 6)
	unhappy = low or is_complaint(scores.free_text)
	# "Not solved" about a fixed record reopens that record: its words go there, not into a second
	# record of the same problem.
	reopens = (
		scores.solved is False
		and bool(callback.feedback_record)
		and frappe.db.get_value("Feedback Record", callback.feedback_record, "status") in REOPENABLE
	)
	if unhappy and not reopens and not callback.created_feedback:
		if follow_up_later:
			callback.follow_up_due = 1
		else:
			callback.created_feedback = raise_follow_up(callback, scores, language_of(callback))
	if scores.solved is not None and callback.feedback_record:
		close_or_reopen(callback.feedback_record, scores.solved, callback)
		if reopens:
			_note_on_reopened(callback, scores)
		if not scores.solved:
			verification_outcome(callback, FirstVerification.NOT_SOLVED)
	if callback.campaign:
		give_incentive(callback)
	# Saved last: its answer rows take gap locks, held from here to the commit (deadlock_retry.py).
	callback.flags.ignore_permissions = True
	# Its links were checked when the revisit was planned; one deleted since (an order) must not
	# cost the customer their answer.
	callback.flags.ignore_links = True
	# The customer's own answers are the revisit's content; a Version would only copy their words
	# (personal data) once more. An agent's call stays in the history.
	callback.save(ignore_version=frappe.session.user == "Guest")
	if callback.follow_up_due:
		queue_follow_up(callback)


REOPENABLE = ("Resolved", "Closed")


def _note_on_reopened(callback, scores) -> None:
	"""What the customer said when they said it is not solved, on the record that was reopened."""
	summary = score_summary(scores)
	words = scores.free_text.strip()
	frappe.get_doc("Feedback Record", callback.feedback_record).add_comment(
		"Info",
		_("Revisit {0}: not solved. {1} {2}")
		.format(callback.name, summary, frappe.utils.escape_html(words))
		.strip(),
	)


def is_complaint(text: str) -> bool:
	"""The customer's own words read Negative (a survey's free text, a paper form's)."""
	if not text.strip():
		return False
	from feedback_loop.core.triage.text.normalise import normalise

	return get_triager().sentiment.analyse(normalise(text)).label == Sentiment.NEGATIVE
