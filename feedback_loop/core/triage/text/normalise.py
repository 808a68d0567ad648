"""What the analysis reads: one spelling of Chinese and Latin text, whatever the customer typed.

The stored record keeps the text as written; only the analysis sees the normalised form.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from feedback_loop.core.language import detect_language

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Three or more of the same mark shout; two keep the emphasis VADER counts, the rest is noise.
_REPEATED_MARK = re.compile(r"([!?！？。.~～,，])\1{2,}")
_SPACES = re.compile(r"\s+")
#: A social-media handle (@acmestore) names someone: neither a mood nor a topic. An e-mail
#: address, with a word before its @, is no handle.
HANDLE = re.compile(r"(?<![\w.])@\w+")
# Phones and word processors type "doesn’t": the negation lists and cue patterns know "doesn't".
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u201b\u2032", "'"))
# Emoji carry sentiment in chat channels; each becomes a word the cue lists know.
_EMOJI_WORDS = {
	"😊": ("开心", "happy"),
	"😀": ("开心", "happy"),
	"😁": ("开心", "happy"),
	"😄": ("开心", "happy"),
	"🙂": ("满意", "satisfied"),
	"👍": ("赞", "good"),
	"❤️": ("喜欢", "love"),
	"❤": ("喜欢", "love"),
	"😍": ("喜欢", "love"),
	"🥰": ("喜欢", "love"),
	"👎": ("差评", "bad"),
	"😡": ("生气", "angry"),
	"😠": ("生气", "angry"),
	"🤬": ("生气", "angry"),
	"😤": ("生气", "angry"),
	"😞": ("失望", "disappointed"),
	"😢": ("难受", "sad"),
	"😭": ("难受", "sad"),
	"💩": ("垃圾", "crap"),
	"🙄": ("无语", "annoyed"),
}
_EMOJI = re.compile("|".join(sorted(map(re.escape, _EMOJI_WORDS), key=len, reverse=True)))


@dataclass(frozen=True)
class NormalisedText:
	text: str
	#: 'zh', 'en', 'mixed' or None when the text has no words at all.
	language: str | None


@lru_cache(maxsize=1)
def _to_simplified():
	from opencc import OpenCC

	return OpenCC("t2s").convert


def text_language(text: str) -> str | None:
	"""'mixed' when both scripts carry real content, else what core.language detects."""
	han = len(_HAN.findall(text))
	latin_words = len(_LATIN_WORD.findall(text))
	if han >= 2 and latin_words >= 2:
		return "mixed"
	return detect_language(text)


def normalise(text: str | None) -> NormalisedText:
	"""Full-width to half-width (NFKC), traditional to simplified, lower case, marks and emoji tamed."""
	text = unicodedata.normalize("NFKC", text or "")
	# NFKC turns the Chinese full stop and comma into nothing else, but makes '！' '!' — the
	# clause splitter knows both, so nothing is lost.
	text = _SPACES.sub(" ", text).strip().translate(_APOSTROPHES)
	language = text_language(text)
	if _HAN.search(text):
		text = _to_simplified()(text)
	if language:
		word = 0 if language in ("zh", "mixed") else 1
		text = _EMOJI.sub(lambda m: f" {_EMOJI_WORDS[m.group(0)][word]} ", text)
	text = _REPEATED_MARK.sub(r"\1\1", text)
	return NormalisedText(text=text.lower(), language=language)
