"""Which categories a link search shows, in what order, and what each says under its name.

Frappe's own search shows a translated doctype's search fields under each match, translated too:
a Chinese reader saw 账单与退款 under 账单与退款, everyone else the English name twice. Here a
match says what the reader does not already see: its Chinese name for a reader in another
language, and for a Chinese reader only a Chinese name that differs from the one shown (a name
Frappe itself translates, such as Performance → 性能, keeps that translation).
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CategoryNames:
	name: str
	#: The name as the reader sees it (translated).
	shown: str
	#: The category's own Chinese name, if it has one.
	chinese: str = ""


def matching_categories(
	categories: Iterable[CategoryNames], text: str, chinese_reader: bool
) -> list[tuple[str, str]]:
	"""(name, hint) of the categories whose names hold `text`, in the given (tree) order, those
	with a name starting with it first."""
	needle = (text or "").strip().casefold()
	matches = []
	for category in categories:
		names = (category.name.casefold(), category.shown.casefold(), category.chinese.casefold())
		if needle and not any(needle in name for name in names):
			continue
		hint = category.chinese if category.chinese != category.shown or not chinese_reader else ""
		matches.append((not any(name.startswith(needle) for name in names), category.name, hint))
	matches.sort(key=lambda match: match[0])
	return [(name, hint) for _later, name, hint in matches]
