"""Which language to answer a customer in."""

import re

SUPPORTED_REPLY_LANGUAGES = ("zh", "en")
DEFAULT_REPLY_LANGUAGE = "en"

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


def detect_language(text: str | None) -> str | None:
	"""'zh' when Chinese characters carry the text, 'en' for Latin-script text, None when unsure.

	One Han character carries about as much as a short English word, so Han characters are
	weighed against Latin letters at 1:3 — "iPhone 屏幕碎了" is Chinese.
	"""
	if not text:
		return None
	han = len(_HAN.findall(text))
	latin = len(_LATIN_LETTER.findall(text))
	if han == 0 and latin == 0:
		return None
	return "zh" if han * 3 >= latin else "en"


def reply_language(preferred: str | None, text: str | None = None) -> str:
	"""The customer's own language setting wins; otherwise the language they wrote in.

	Frappe language codes such as 'zh-TW' or 'en-US' map to their base language. The result
	is always one of SUPPORTED_REPLY_LANGUAGES.
	"""
	base = (preferred or "").split("-")[0].lower()
	if base in SUPPORTED_REPLY_LANGUAGES:
		return base
	return detect_language(text) or DEFAULT_REPLY_LANGUAGE
