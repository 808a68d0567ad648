# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet, NestedSetMultipleRootsError

from feedback_loop.integrations.frappe.tree_lineage import forget_tree
from feedback_loop.services.sla.policy import forget_policies
from feedback_loop.services.triage.category_translations import (
	keep_translation,
	move_translation,
	remove_translation,
)
from feedback_loop.services.triage.engine import bump_triage_version
from feedback_loop.services.triage.priority import forget_safety_categories


class FeedbackCategory(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assignment_rule: DF.Link | None
		category_name: DF.Data
		category_name_zh: DF.Data | None
		department: DF.Link | None
		description: DF.SmallText | None
		enabled: DF.Check
		is_group: DF.Check
		is_safety: DF.Check
		keywords_en: DF.SmallText | None
		keywords_zh: DF.SmallText | None
		lft: DF.Int
		old_parent: DF.Link | None
		parent_feedback_category: DF.Link | None
		rgt: DF.Int
	# end: auto-generated types

	nsm_parent_field = "parent_feedback_category"

	def validate(self):
		self.category_name = (self.category_name or "").strip()
		self.keywords_en = _normalise_keywords(self.keywords_en)
		self.keywords_zh = _normalise_keywords(self.keywords_zh)
		self.validate_single_root()

	def on_update(self):
		super().on_update()
		# Workers rebuild their analyser when the categories' keywords change; the Chinese name is
		# kept as a Translation so that Frappe shows it.
		bump_triage_version()
		keep_translation(self)
		forget_category_facts(self)

	def on_trash(self, allow_root_deletion=False):
		super().on_trash(allow_root_deletion)
		bump_triage_version()
		remove_translation(self)
		forget_category_facts(self)

	def after_rename(self, old: str, new: str, merge: bool = False):
		super().after_rename(old, new, merge)
		move_translation(self, old, new, merge)
		forget_category_facts(self)

	def validate_single_root(self):
		# Frappe's own check counts roots with an empty-string parent; ours are NULL.
		if self.parent_feedback_category:
			return
		other_roots = frappe.get_all(
			"Feedback Category",
			filters={"parent_feedback_category": ("is", "not set"), "name": ("!=", self.name or "")},
			pluck="name",
		)
		if other_roots:
			frappe.throw(
				_("Choose a parent category: {0} is already the top of the tree.").format(
					frappe.bold(other_roots[0])
				),
				NestedSetMultipleRootsError,
			)


def _normalise_keywords(value: str | None) -> str:
	"""One keyword per line, duplicates dropped, whatever separators the user typed."""
	seen: dict[str, str] = {}
	for part in (value or "").replace("，", ",").replace("、", ",").replace("\n", ",").split(","):
		keyword = part.strip()
		if keyword:
			seen.setdefault(keyword.lower(), keyword)
	return "\n".join(seen.values())


def forget_category_facts(doc) -> None:
	"""Lineages, the safety categories and the policies' resolved tree roots are cached."""
	forget_tree(doc)
	forget_safety_categories()
	forget_policies()
