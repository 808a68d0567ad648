"""The language of a text, and which language to answer a customer in."""

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


def reply_language(
	*,
	explicit: str | None = None,
	text: str | None = None,
	customer_language: str | None = None,
	site_default: str | None = None,
) -> str:
	"""The language to answer a customer in; always one of SUPPORTED_REPLY_LANGUAGES.

	Guarantees, in this order: an explicit choice (the Contact's reply language, the portal
	User's language, a language the record or the caller names) wins; else the language the
	customer wrote in; else the Customer's language, but only when it differs from the site
	default — ERPNext gives every new Customer the site default, which says nothing about the
	customer; else the site default; else English. Frappe codes such as 'zh-TW' or 'en-US' count
	as their base language; an unsupported language counts as none.
	"""
	site = _supported(site_default)
	for choice in (
		_supported(explicit),
		detect_language(text),
		_supported(customer_language) if _base(customer_language) != _base(site_default) else None,
		site,
	):
		if choice:
			return choice
	return DEFAULT_REPLY_LANGUAGE


def _base(code: str | None) -> str:
	return (code or "").split("-")[0].split("_")[0].lower()


def _supported(code: str | None) -> str | None:
	base = _base(code)
	return base if base in SUPPORTED_REPLY_LANGUAGES else None
