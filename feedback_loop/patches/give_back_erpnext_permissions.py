"""ERPNext's doctypes read their standard permission rules again: the rules earlier versions
added for our roles, and the copies made to add them, go (setup/link_rights.py)."""

from feedback_loop.setup.link_rights import remove_link_rights
from feedback_loop.setup.roles import ROLES


def execute():
	remove_link_rights(list(ROLES))
