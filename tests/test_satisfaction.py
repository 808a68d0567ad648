from feedback_loop.core.reports.satisfaction import csat_average, net_promoter_score, satisfied_share


def test_csat():
	assert csat_average({5: 2, 4: 1, 1: 1}) == 3.75
	assert satisfied_share({5: 2, 4: 1, 1: 1}) == 0.75
	assert csat_average({}) is None and satisfied_share({}) is None


def test_nps_counts_zero_as_a_detractor_answer():
	# 3 promoters, 1 passive, 2 detractors (one of them a 0): (3 - 2) / 6 = 16.7 points
	assert net_promoter_score({10: 2, 9: 1, 8: 1, 6: 1, 0: 1}) == 16.7
	assert net_promoter_score({10: 1}) == 100.0
	assert net_promoter_score({0: 3}) == -100.0
	assert net_promoter_score({}) is None
