"""Feedback too vague to act on, and the question an agent can ask to make it actionable.

"不好用" or "bad" alone names no product, no moment and no symptom; the agent's first reply
should ask for them, and the question suggested here names what the customer wrote.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

DEFAULT_MIN_LENGTH = 6
DEFAULT_VAGUE_PHRASES = (
	"不好用",
	"不好",
	"不满意",
	"不行",
	"太差",
	"很差",
	"差",
	"差评",
	"垃圾",
	"有问题",
	"不喜欢",
	"一般",
	"失望",
	"不爽",
	"bad",
	"not good",
	"terrible",
	"awful",
	"poor",
	"not happy",
	"unhappy",
	"disappointed",
	"doesn't work",
	"not working",
	"problem",
	"issue",
	"worst",
)

_SENTENCES = re.compile(r"[\n。.！!？?；;，,]+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_NOT_CONTENT = re.compile(r"[\W_]+", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_WORD = re.compile(r"[a-z']+")
_ZH_PREFIXES = (
	"我觉得",
	"感觉",
	"觉得",
	"真的",
	"非常",
	"特别",
	"超级",
	"实在",
	"有点",
	"就是",
	"这个",
	"产品",
	"东西",
	"服务",
	"太",
	"很",
	"真",
	"好",
)
_ZH_SUFFIXES = ("了吧", "了", "啊", "呀", "吧", "的", "呢", "嘛", "哦", "啦")
_EN_FILLER = frozenset(
	"i im i'm am it its it's is was this that the so very really just too pretty product service".split()
)


class VagueReason(str, Enum):
	NO_CONTENT = "no_content"
	REPEATED = "repeated"
	GENERIC = "generic"
	TOO_SHORT = "too_short"


@dataclass(frozen=True)
class Vagueness:
	reason: VagueReason
	#: The generic phrase the customer used, for the question.
	phrase: str = ""


_QUESTIONS = {
	"zh": {
		VagueReason.GENERIC: "您提到的“{phrase}”具体是指哪方面？例如产品功能无法使用、操作流程复杂、质量问题还是服务问题？能否描述一下具体情况？",
		VagueReason.TOO_SHORT: "能否再详细描述一下遇到的问题？例如涉及的订单或产品、发生的时间和具体表现。",
		VagueReason.REPEATED: "我们没能理解您的反馈内容，能否具体描述一下遇到的问题？",
		VagueReason.NO_CONTENT: "我们没能理解您的反馈内容，能否具体描述一下遇到的问题？",
	},
	"en": {
		VagueReason.GENERIC: "You mentioned “{phrase}” — what exactly went wrong: the product not working, something hard to use, its quality, or our service? Could you describe what happened?",
		VagueReason.TOO_SHORT: "Could you tell us a little more: which order or product, what happened and when?",
		VagueReason.REPEATED: "We could not understand your feedback. Could you describe the problem you had?",
		VagueReason.NO_CONTENT: "We could not understand your feedback. Could you describe the problem you had?",
	},
}

#: Phrases with a question of their own: the seeds' example for 不好用.
_SPECIFIC_QUESTIONS = {
	"不好用": "您提到的“不好用”是指功能无法使用，还是操作流程复杂？",
	"not working": "You said it is not working — does it not start at all, or does one function fail? What do you see when it happens?",
	"doesn't work": "You said it doesn't work — does it not start at all, or does one function fail? What do you see when it happens?",
}


def check_vague(
	text: str, phrases: Iterable[str] = DEFAULT_VAGUE_PHRASES, min_length: int = DEFAULT_MIN_LENGTH
) -> Vagueness | None:
	"""Why a normalised text is too vague to act on, or None when it is specific enough.

	Length counts Han characters and English words: "屏幕碎了" (4) is short, and so is "bad box".
	"""
	content = _NOT_CONTENT.sub("", text)
	if not _HAN.search(content) and not re.search(r"[a-z]", content):
		return Vagueness(VagueReason.NO_CONTENT)
	if len(content) >= 3 and len(set(content)) <= 2:
		return Vagueness(VagueReason.REPEATED)
	phrase_set = {p.strip().lower() for p in phrases if p.strip()}
	# Every sentence generic ("不好用。不好用！", "bad. very bad") is still only a generic complaint.
	cores = [generic_core(part) for part in _SENTENCES.split(text)]
	cores = [c for c in cores if c]
	if cores and all(c in phrase_set for c in cores):
		return Vagueness(VagueReason.GENERIC, cores[0])
	if _length(text) < min_length:
		return Vagueness(VagueReason.TOO_SHORT)
	return None


def generic_core(text: str) -> str:
	"""The text without politeness, degree words and particles: "真的太不好用了！" → "不好用"."""
	if _HAN.search(text):
		core = _NOT_CONTENT.sub("", text)
		changed = True
		while changed and core:
			changed = False
			for prefix in _ZH_PREFIXES:
				if core.startswith(prefix) and len(core) > len(prefix):
					core, changed = core[len(prefix) :], True
			for suffix in _ZH_SUFFIXES:
				if core.endswith(suffix) and len(core) > len(suffix):
					core, changed = core[: -len(suffix)], True
		return core
	return " ".join(w for w in _WORD.findall(text) if w not in _EN_FILLER)


def clarifying_question(vagueness: Vagueness, language: str | None) -> str:
	language = "zh" if language in ("zh", "mixed") else "en"
	specific = _SPECIFIC_QUESTIONS.get(vagueness.phrase)
	if specific and (language == "zh") == bool(_HAN.search(vagueness.phrase)):
		return specific
	return _QUESTIONS[language][vagueness.reason].format(phrase=vagueness.phrase)


def _length(text: str) -> int:
	han = len(_HAN.findall(text))
	words = len(_WORD.findall(_HAN.sub(" ", text)))
	return han + words * 2
