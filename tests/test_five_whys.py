from feedback_loop.core.rca.five_whys import ChainProblem, WhyStep, check_chain, root_cause_statement

CHAIN = [
	WhyStep("为什么外卖送达超时？", "骑手在商圈里迷路了"),
	WhyStep("为什么骑手会迷路？", "新骑手不熟悉路线"),
	WhyStep("为什么新骑手不熟悉路线？", "入职培训没有包含商圈地图"),
]


def test_three_answered_levels_are_complete():
	assert check_chain(CHAIN) == []
	assert root_cause_statement(CHAIN) == "入职培训没有包含商圈地图"


def test_short_chain_needs_a_justification():
	assert check_chain(CHAIN[:2]) == [(ChainProblem.TOO_SHORT, None)]
	assert check_chain(CHAIN[:2], "The second answer is a verified process gap.") == []


def test_every_level_needs_an_answer():
	chain = [*CHAIN, WhyStep("Why was the map missing?", "  ")]
	assert check_chain(chain) == [(ChainProblem.ANSWER_MISSING, 4)]
	assert root_cause_statement(chain) == "入职培训没有包含商圈地图"


def test_empty_chain():
	assert check_chain([]) == [(ChainProblem.EMPTY, None)]
	assert root_cause_statement([]) == ""
