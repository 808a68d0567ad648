from feedback_loop.core.privacy.visibility import Scope, feedback_scope
from feedback_loop.core.triage.initial_sentiment import Sentiment, sentiment_from_type


def test_feedback_roles_see_everything():
	for role in ("Feedback Manager", "Feedback Agent", "Quality Analyst", "System Manager", "Administrator"):
		assert feedback_scope({role, "Sales User"}, can_read_customers=False) is Scope.ALL


def test_customer_facing_roles_see_their_customers_or_their_own():
	assert feedback_scope({"Sales User"}, can_read_customers=True) is Scope.READABLE_CUSTOMERS
	assert feedback_scope({"Support Team"}, can_read_customers=False) is Scope.OWN


def test_the_customer_question_is_asked_only_when_the_roles_leave_it_open():
	asked = []

	def can_read_customers():
		asked.append(True)
		return True

	assert (
		feedback_scope({"Feedback Agent", "Sales User"}, can_read_customers=can_read_customers) is Scope.ALL
	)
	assert feedback_scope({"Stock User"}, can_read_customers=can_read_customers) is Scope.NONE
	assert asked == []
	assert feedback_scope({"Sales User"}, can_read_customers=can_read_customers) is Scope.READABLE_CUSTOMERS
	assert asked == [True]


def test_anyone_else_sees_nothing():
	assert feedback_scope({"Stock User", "Accounts User"}, can_read_customers=True) is Scope.NONE


def test_initial_sentiment():
	assert sentiment_from_type("Complaint") is Sentiment.NEGATIVE
	assert sentiment_from_type("Praise") is Sentiment.POSITIVE
	assert sentiment_from_type("Inquiry") is Sentiment.NEUTRAL
	assert sentiment_from_type(None) is Sentiment.NEUTRAL
