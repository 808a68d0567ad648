"""Categories made before their Chinese names were kept as Translations get theirs now."""

from feedback_loop.services.category_translations import sync_all


def execute():
	sync_all()
