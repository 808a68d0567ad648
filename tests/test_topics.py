from feedback_loop.core.intake.topics import Topic, TopicProblem, parse_aspects, topic_problems

SERVICE = Topic("Service", ("Attitude", "Response time", "Effect"))
AFTER_SALES = Topic("After-sales", ("Repair speed", "Fees", "Expertise"), needs_order=True)
PRODUCT = Topic("Product", ("Function", "Quality", "Suggestion"), needs_product=True)


def test_a_topic_takes_its_own_aspects_only():
	assert topic_problems(SERVICE, ["Attitude", "Effect"], has_order=False, has_product=False) == []
	assert topic_problems(SERVICE, ["Fees"], has_order=False, has_product=False) == [
		("aspects", TopicProblem.UNKNOWN_ASPECT)
	]


def test_the_order_or_product_a_topic_needs_is_asked_for():
	assert topic_problems(AFTER_SALES, [], has_order=False, has_product=True) == [
		("sales_order", TopicProblem.ORDER_REQUIRED)
	]
	assert topic_problems(PRODUCT, ["Quality"], has_order=False, has_product=False) == [
		("item", TopicProblem.PRODUCT_REQUIRED)
	]
	# The order names its products: enough for a product topic.
	assert topic_problems(PRODUCT, ["Quality"], has_order=True, has_product=False) == []


def test_what_the_form_could_not_offer_is_not_asked_for():
	# A customer without orders (or a visitor) has no order or product to pick.
	assert topic_problems(AFTER_SALES, [], has_order=False, has_product=False, orders_offered=False) == []
	assert (
		topic_problems(PRODUCT, ["Quality"], has_order=False, has_product=False, products_offered=False) == []
	)
	assert topic_problems(
		AFTER_SALES, [], has_order=False, has_product=False, orders_offered=True, products_offered=False
	) == [("sales_order", TopicProblem.ORDER_REQUIRED)]


def test_free_text_without_a_topic_stays_possible_but_aspects_need_one():
	assert topic_problems(None, [], has_order=False, has_product=False) == []
	assert topic_problems(None, ["Fees"], has_order=False, has_product=False) == [
		("topic", TopicProblem.UNKNOWN_TOPIC)
	]


def test_posted_aspects_are_read_once_each():
	assert parse_aspects("Attitude\n Effect \n\nAttitude") == ["Attitude", "Effect"]
	assert parse_aspects(["Fees", "", "Fees"]) == ["Fees"]
	assert parse_aspects(None) == []
