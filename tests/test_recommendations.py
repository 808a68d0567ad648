from feedback_loop.core.reports.recommendations import Plan, Solution, recommendations


def test_chosen_solutions_first_else_the_best_returns_and_the_plans_made():
	solutions = [
		Solution("RCA-1", "Double-wall boxes", chosen=True, recommended=True),
		Solution("RCA-1", "New supplier", chosen=False, recommended=False),
		Solution("RCA-2", "Route hints in the app", chosen=False, recommended=True),
		Solution("RCA-2", "Ride-along week", chosen=False, recommended=False),
	]
	plans = [Plan("RCA-1", "IP-1", "Verified Effective", -72.0)]
	one, two, three = recommendations(["RCA-1", "RCA-2", "RCA-3"], solutions, plans)
	assert (one.solutions, one.chosen, one.plans) == (("Double-wall boxes",), True, (plans[0],))
	assert (two.solutions, two.chosen, two.plans) == (("Route hints in the app",), False, ())
	# No candidates yet: nothing to recommend, still listed.
	assert (three.analysis, three.solutions, three.chosen) == ("RCA-3", (), False)
