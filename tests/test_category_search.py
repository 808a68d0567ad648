from feedback_loop.core.triage.category_search import CategoryNames, matching_categories

BILLING = CategoryNames("Billing and Refund", "账单与退款", "账单与退款")
PERFORMANCE = CategoryNames("Performance", "性能", "性能问题")
LEFT_AT_GATE = CategoryNames("Parcel Left At The Gate", "Parcel Left At The Gate", "包裹放在大门口")
LEFT_AT_DEPOT = CategoryNames("Left Behind At The Depot", "Left Behind At The Depot", "滞留网点")


def test_a_chinese_reader_sees_a_chinese_name_once():
	assert matching_categories([BILLING], "账单", chinese_reader=True) == [("Billing and Refund", "")]


def test_a_chinese_name_other_than_the_shown_one_is_worth_showing():
	assert matching_categories([PERFORMANCE], "性能", chinese_reader=True) == [("Performance", "性能问题")]


def test_anyone_else_sees_the_chinese_name_under_the_english_one_and_finds_it_either_way():
	english = [CategoryNames("Billing and Refund", "Billing and Refund", "账单与退款")]
	assert matching_categories(english, "billing", chinese_reader=False) == [
		("Billing and Refund", "账单与退款")
	]
	assert matching_categories(english, "退款", chinese_reader=False) == [
		("Billing and Refund", "账单与退款")
	]
	assert matching_categories(english, "parcel", chinese_reader=False) == []


def test_a_name_starting_with_the_text_comes_first_otherwise_the_given_order_stays():
	found = matching_categories([LEFT_AT_GATE, LEFT_AT_DEPOT, BILLING], "left", chinese_reader=False)
	assert [name for name, _hint in found] == ["Left Behind At The Depot", "Parcel Left At The Gate"]
	everything = matching_categories([LEFT_AT_GATE, LEFT_AT_DEPOT, BILLING], "", chinese_reader=False)
	assert [name for name, _hint in everything] == [c.name for c in (LEFT_AT_GATE, LEFT_AT_DEPOT, BILLING)]
