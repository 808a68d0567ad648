"""A collection campaign's rules and figures, decided without the database."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

DRAFT, RUNNING, CLOSED = "Draft", "Running", "Closed"
#: More targets than this in one campaign is a mailing, not a survey of chosen customers.
MAX_TARGETS = 2000
#: Findings: the categories the campaign's feedback names most.
TOP_FINDINGS = 3


class CampaignProblem(str, Enum):
	ENDS_BEFORE_START = "ends_before_start"
	NOT_COUPON_BASED = "not_coupon_based"
	NOT_DRAFT = "not_draft"
	ALREADY_OVER = "already_over"
	NO_TARGETS = "no_targets"
	TOO_MANY_TARGETS = "too_many_targets"


def campaign_problems(
	start: date, end: date, *, pricing_rule_coupon_based: bool | None
) -> list[CampaignProblem]:
	"""On save: the period in order; an incentive's Pricing Rule must apply with a coupon (ERPNext's
	*Coupon Code Based*), or the coupon given would change no price. `None`: no incentive."""
	problems = []
	if end < start:
		problems.append(CampaignProblem.ENDS_BEFORE_START)
	if pricing_rule_coupon_based is False:
		problems.append(CampaignProblem.NOT_COUPON_BASED)
	return problems


def start_problem(status: str, end: date, today: date, targets: int) -> CampaignProblem | None:
	"""A campaign starts once, from Draft, before it is over, with between 1 and MAX_TARGETS."""
	if status != DRAFT:
		return CampaignProblem.NOT_DRAFT
	if end < today:
		return CampaignProblem.ALREADY_OVER
	if not targets:
		return CampaignProblem.NO_TARGETS
	if targets > MAX_TARGETS:
		return CampaignProblem.TOO_MANY_TARGETS
	return None


@dataclass(frozen=True)
class Revisit:
	status: str
	csat: float | None = None
	coupon: str | None = None
	#: whether its answer raised feedback (a low score or a complaint), and that feedback's category
	raised_feedback: bool = False
	category: str | None = None


@dataclass(frozen=True)
class CampaignFigures:
	targeted: int
	sent: int
	answered: int
	#: answered ÷ (sent or answered); None before anything went out
	response_rate: float | None
	csat: float | None
	coupons: int
	feedback: int
	findings: tuple[tuple[str, int], ...]


ANSWERED = ("Responded",)
WENT_OUT = ("Sent", "Responded", "No Response")


def campaign_figures(revisits: Sequence[Revisit]) -> CampaignFigures:
	sent = sum(1 for r in revisits if r.status in WENT_OUT)
	answered = sum(1 for r in revisits if r.status in ANSWERED)
	scores = [r.csat for r in revisits if r.status in ANSWERED and r.csat]
	categories = Counter(r.category for r in revisits if r.raised_feedback and r.category)
	return CampaignFigures(
		targeted=len(revisits),
		sent=sent,
		answered=answered,
		response_rate=answered / sent if sent else None,
		csat=round(sum(scores) / len(scores), 2) if scores else None,
		coupons=sum(1 for r in revisits if r.coupon),
		feedback=sum(1 for r in revisits if r.raised_feedback),
		findings=_top(categories.items()),
	)


def _top(counts: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
	return tuple(sorted(counts, key=lambda item: (-item[1], item[0]))[:TOP_FINDINGS])
