"""The masked copies of contact data that every role may read (permission level 0); the real
values sit at permission level 1, which only roles that work with customers hold."""

from feedback_loop.core.privacy.masking import mask_email, mask_phone

#: Real field → its masked copy, and how to mask it, per doctype.
MASKED_FIELDS = {
	"Feedback Record": {
		"contact_email": ("contact_email_masked", mask_email),
		"contact_phone": ("contact_phone_masked", mask_phone),
		"sender": ("sender_masked", mask_email),
	},
	"Feedback Callback": {"contact_email": ("contact_email_masked", mask_email)},
}


def set_masked_fields(doc) -> None:
	for field, (masked_field, mask) in MASKED_FIELDS[doc.doctype].items():
		doc.set(masked_field, mask(doc.get(field)) or None)
