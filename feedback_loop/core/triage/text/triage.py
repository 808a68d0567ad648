"""Everything the analysis says about one feedback text, in one call."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from feedback_loop.core.triage.text.category_model import CategoryModel
from feedback_loop.core.triage.text.category_rules import CategoryKeywords, match_categories
from feedback_loop.core.triage.text.keywords import extract_keywords
from feedback_loop.core.triage.text.normalise import normalise
from feedback_loop.core.triage.text.sentiment import SentimentAnalyser, SentimentResult
from feedback_loop.core.triage.text.vague import (
	DEFAULT_MIN_LENGTH,
	DEFAULT_VAGUE_PHRASES,
	Vagueness,
	check_vague,
	clarifying_question,
)

DEFAULT_CATEGORY_THRESHOLD = 0.6


class CategorySource:
	MANUAL = "Manual"
	RULE = "Rule"
	MODEL = "Model"


@dataclass(frozen=True)
class TriageConfig:
	category_threshold: float = DEFAULT_CATEGORY_THRESHOLD
	vague_phrases: tuple[str, ...] = DEFAULT_VAGUE_PHRASES
	vague_min_length: int = DEFAULT_MIN_LENGTH
	extra_zh_cues: Mapping[str, float] = field(default_factory=dict)
	extra_en_cues: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class CategoryGuess:
	category: str
	confidence: float
	source: str
	#: Matched keywords for a rule; for the model, the words that weighed most for its choice.
	evidence: tuple[str, ...]
	#: Confident enough to be set; otherwise only suggested.
	confident: bool


@dataclass(frozen=True)
class Triage:
	language: str | None
	normalised: str
	sentiment: SentimentResult
	keywords: tuple[str, ...]
	category: CategoryGuess | None
	vagueness: Vagueness | None
	clarifying_question: str | None


class Triager:
	"""Built once per worker and configuration; `triage` is then pure and takes < 2 ms a text."""

	def __init__(
		self,
		config: TriageConfig | None = None,
		rules: Iterable[CategoryKeywords] = (),
		model: CategoryModel | None = None,
	):
		self.config = config or TriageConfig()
		self.sentiment = SentimentAnalyser(self.config.extra_zh_cues, self.config.extra_en_cues)
		self.rules = tuple(rules)
		self.model = model
		# Load jieba's dictionary and the keyword extractor now, not in the first agent's save.
		self.triage("好 good")

	def triage(self, text: str) -> Triage:
		normalised = normalise(text)
		vagueness = check_vague(normalised.text, self.config.vague_phrases, self.config.vague_min_length)
		return Triage(
			language=normalised.language,
			normalised=normalised.text,
			sentiment=self.sentiment.analyse(normalised),
			keywords=tuple(extract_keywords(normalised.text)),
			category=None if vagueness else self.guess_category(normalised.text),
			vagueness=vagueness,
			clarifying_question=clarifying_question(vagueness, normalised.language) if vagueness else None,
		)

	def guess_category(self, normalised_text: str) -> CategoryGuess | None:
		threshold = self.config.category_threshold
		rule = match_categories(normalised_text, self.rules)
		predicted = self.model.predict(normalised_text) if self.model else None
		if rule and predicted and predicted.category == rule.category:
			# Two independent signals agree: more certain than either alone.
			confidence = 1 - (1 - rule.confidence) * (1 - predicted.confidence)
			return CategoryGuess(
				rule.category,
				round(confidence, 4),
				CategorySource.RULE,
				rule.matched,
				confidence >= threshold,
			)
		if rule and (not predicted or rule.confidence >= predicted.confidence):
			return CategoryGuess(
				rule.category,
				rule.confidence,
				CategorySource.RULE,
				rule.matched,
				rule.confidence >= threshold,
			)
		if predicted:
			confidence = round(predicted.confidence, 4)
			return CategoryGuess(
				predicted.category,
				confidence,
				CategorySource.MODEL,
				self.model.explain(normalised_text, predicted.category),
				confidence >= threshold,
			)
		return None
