from feedback_loop.core.sla_compliance import BASED_ON_COLUMN, BasedOn, ClockCompliance, clock_compliance


def test_only_decided_clocks_count_towards_the_share():
	state = clock_compliance({"Met": 6, "Breached": 2, "On Track": 5, "Paused": 1, None: 3})
	assert (state.met, state.breached, state.decided) == (6, 2, 8)
	assert state.breached_share == 0.25


def test_nothing_decided_has_no_share():
	assert clock_compliance({"On Track": 4}).breached_share is None
	assert ClockCompliance().decided == 0


def test_every_grouping_reads_a_record_column():
	assert set(BASED_ON_COLUMN) == set(BasedOn)
	assert BASED_ON_COLUMN[BasedOn.ASSIGNEE] == "assigned_to"
