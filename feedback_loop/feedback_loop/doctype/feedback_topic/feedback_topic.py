# Copyright (c) 2026, feedback_loop developers
# License: MIT. See license.txt

from frappe.model.document import Document

from feedback_loop.services.intake.topics import validate_topic


class FeedbackTopic(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from feedback_loop.feedback_loop.doctype.feedback_topic_aspect.feedback_topic_aspect import (
			FeedbackTopicAspect,
		)

		aspects: DF.Table[FeedbackTopicAspect]
		category: DF.Link | None
		enabled: DF.Check
		needs_order: DF.Check
		needs_product: DF.Check
		topic_name: DF.Data
		topic_name_zh: DF.Data | None
	# end: auto-generated types

	def validate(self):
		validate_topic(self)
