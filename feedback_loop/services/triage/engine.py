"""The Triager this site uses: its categories' keywords, its settings' cues and its learned model.

Building one loads jieba's dictionary, SnowNLP's Bayes model and VADER (about a second), so
each worker keeps one per site and rebuilds it only when a version stamp in Redis changes:
saving Feedback Settings or a Feedback Category, or retraining the model, bumps the stamp.
"""

import frappe

from feedback_loop.core.triage.text.category_model import CategoryModel
from feedback_loop.core.triage.text.category_rules import CategoryKeywords, parse_keywords
from feedback_loop.core.triage.text.triage import TriageConfig, Triager
from feedback_loop.core.triage.text.vague import DEFAULT_VAGUE_PHRASES
from feedback_loop.services.feedback_settings import get_feedback_settings

_VERSION_KEY = "feedback_loop:triage_version"
_triagers: dict[tuple[str, str], Triager] = {}


def get_triager() -> Triager:
	version = frappe.cache.get_value(_VERSION_KEY)
	if not version:
		version = bump_triage_version()
	key = (frappe.local.site, version)
	triager = _triagers.get(key)
	if triager is None:
		for stale in [k for k in _triagers if k[0] == frappe.local.site]:
			del _triagers[stale]
		triager = _triagers[key] = build_triager()
	return triager


def bump_triage_version(*_args, **_kwargs) -> str:
	version = frappe.generate_hash(length=12)
	frappe.cache.set_value(_VERSION_KEY, version)
	return version


def build_triager() -> Triager:
	settings = get_feedback_settings()
	return Triager(
		config=triage_config(settings), rules=category_rules(), model=load_category_model(settings)
	)


def triage_config(settings) -> TriageConfig:
	zh_cues: dict[str, float] = {}
	en_cues: dict[str, float] = {}
	for field, sign in (("negative_cues", -1), ("positive_cues", 1)):
		for word, weight in parse_cues(settings.get(field), sign):
			(en_cues if word.isascii() else zh_cues)[word] = weight
	phrases = tuple(p.strip() for p in (settings.vague_phrases or "").splitlines() if p.strip())
	return TriageConfig(
		category_threshold=(settings.category_confidence_threshold or 60) / 100,
		vague_phrases=phrases or DEFAULT_VAGUE_PHRASES,
		vague_min_length=settings.vague_min_length or 0,
		extra_zh_cues=zh_cues,
		extra_en_cues=en_cues,
	)


def parse_cues(value: str | None, sign: int) -> list[tuple[str, float]]:
	"""'word' or 'word=weight' per line; a bare Chinese word weighs 1, an English one 2 (VADER's scale)."""
	cues = []
	for line in (value or "").splitlines():
		word, _, weight = line.partition("=")
		word = word.strip().lower()
		if not word:
			continue
		try:
			value_ = abs(float(weight)) if weight.strip() else (2.0 if word.isascii() else 1.0)
		except ValueError:
			continue
		cues.append((word, sign * value_))
	return cues


def category_rules() -> list[CategoryKeywords]:
	categories = frappe.get_all(
		"Feedback Category",
		filters={"enabled": 1},
		fields=["name", "keywords_en", "keywords_zh", "lft", "rgt"],
	)
	rules = []
	for category in categories:
		keywords = parse_keywords(category.keywords_en, category.keywords_zh)
		if not keywords:
			continue
		depth = sum(1 for c in categories if c.lft < category.lft and c.rgt > category.rgt)
		rules.append(CategoryKeywords(category.name, keywords, depth))
	return rules


def load_category_model(settings) -> CategoryModel | None:
	if not settings.category_model_file:
		return None
	file_name = frappe.db.get_value("File", {"file_url": settings.category_model_file}, "name")
	if not file_name:
		return None
	try:
		return CategoryModel.loads(frappe.get_doc("File", file_name).get_content())
	except Exception:
		# A broken model must not stop analysis: keyword rules still work; retraining fixes it.
		frappe.log_error(title="Feedback category model could not be loaded")
		return None
