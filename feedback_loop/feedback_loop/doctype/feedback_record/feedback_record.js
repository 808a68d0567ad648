// Copyright (c) 2026, feedback_loop developers
// License: MIT. See license.txt

frappe.ui.form.on("Feedback Record", {
	setup(frm) {
		frm.set_query("contact", () => ({
			query: "frappe.contacts.doctype.contact.contact.contact_query",
			filters: { link_doctype: "Customer", link_name: frm.doc.customer },
		}));
		for (const field of ["sales_order", "delivery_note", "sales_invoice"]) {
			frm.set_query(field, () => ({
				filters: { customer: frm.doc.customer, docstatus: ["!=", 2] },
			}));
		}
		frm.set_query("issue", () => ({ filters: { customer: frm.doc.customer } }));
		frm.set_query("category", () => ({ filters: { enabled: 1 } }));
		frm.set_query("duplicate_of", () => ({
			filters: { name: ["!=", frm.doc.name], customer: frm.doc.customer },
		}));
	},

	refresh(frm) {
		if (!frm.is_new()) {
			if (frappe.model.can_create("Root Cause Analysis")) {
				frm.add_custom_button(
					__("Root Cause Analysis"),
					() => start_root_cause_analysis([frm.doc.name]),
					__("Create")
				);
			}
			show_analyses(frm);
			show_text_analysis(frm);
			if (frm.doc.notify_on_resolution && frappe.model.can_write("Feedback Record")) {
				frm.add_custom_button(__("Preview Notice"), () => preview_resolution_notice(frm), __("Resolution", null, "Feedback Record"));
			}
		}
		show_priority_reasons(frm, (frm.doc.__onload || {}).priority_reasons);
		show_sla_indicator(frm);
		show_safety_suggestion(frm);
		// Opened from an order or invoice: show what was prefilled instead of hiding it.
		const references = ["sales_order", "delivery_note", "sales_invoice", "item", "issue"];
		if (references.some((field) => frm.doc[field])) {
			frm.fields_dict.references_section.collapse(false);
		}
	},

	before_save(frm) {
		frm.__was_new = frm.is_new();
	},

	after_save(frm) {
		// The Assignment Rules assign a new record after the save returned: read it again, so
		// the sidebar shows who has it.
		if (frm.__was_new) {
			frm.__was_new = false;
			frm.reload_doc();
		}
	},

	impact: preview_priority,
	urgency: preview_priority,
	safety_or_legal_risk: preview_priority,
	customer_segment: preview_priority,

	onload(frm) {
		// The customer the references (contact, order ...) belong to.
		frm.__references_customer = frm.doc.customer;
	},

	customer(frm) {
		const previous = frm.__references_customer;
		frm.__references_customer = frm.doc.customer;
		// The same customer set again (the link's own check sets it once more), or the first one
		// with the references that came with it (Create → Feedback): nothing to drop.
		if (!previous || previous === frm.doc.customer) return;
		// References of the previous customer would be refused on save.
		for (const field of ["contact", "sales_order", "delivery_note", "sales_invoice", "issue"]) {
			if (frm.doc[field]) frm.set_value(field, null);
		}
		// Replies go out in the language the customer chose (their Contact's) or wrote in: left
		// empty, the server decides on save. A Customer's language is ERPNext's default, no choice.
		frm.set_value("reply_language", null);
	},

	contact(frm) {
		if (!frm.doc.contact || !frappe.model.can_read("Contact")) return;
		frappe.db
			.get_value("Contact", frm.doc.contact, "feedback_language")
			.then(({ message }) => frm.set_value("reply_language", message?.feedback_language || null));
	},
});

// What the customer gets when the record is resolved, from the form as it stands (unsaved edits
// of the notice or the summary included); the server renders it (services/callbacks/resolution).
function preview_resolution_notice(frm) {
	frappe
		.call("feedback_loop.api.feedback.preview_resolution_notice", { record: frm.doc })
		.then(({ message }) => {
			const esc = frappe.utils.escape_html;
			const html = message
				.map(
					(m) => `<h5 class="mt-3">${esc(__(m.channel))}${m.subject ? ` · ${esc(m.subject)}` : ""}</h5>
					<div class="p-2 bg-light rounded" style="white-space: pre-wrap">${
						m.channel === "Email" ? m.text : esc(m.text)
					}</div>`
				)
				.join("");
			frappe.msgprint({
				title: __("Resolution Notice"),
				message: `<p class="text-muted">${esc(
					__("Sent when the status becomes Resolved, through the first channel that reaches the customer.")
				)}</p>${html}`,
				wide: true,
			});
		});
}

// The server decides the priority (core/triage/priority_rules.py); the form shows it and why.
function preview_priority(frm) {
	frappe
		.call("feedback_loop.api.feedback.preview_priority", { record: frm.doc })
		.then(({ message }) => {
			if (!message) return;
			if (message.priority !== frm.doc.priority) frm.set_value("priority", message.priority);
			show_priority_reasons(frm, message.reasons);
		});
}

function show_priority_reasons(frm, reasons) {
	const field = frm.get_field("priority_reasons_html");
	if (!field) return;
	reasons = reasons || [];
	field.$wrapper.html(
		reasons.length
			? `<div class="form-group"><label class="control-label">${__("Why This Priority")}</label>
				<ul class="small text-muted" style="padding-left: 1.2em; margin-bottom: 0">
				${reasons.map((r) => `<li>${frappe.utils.escape_html(r)}</li>`).join("")}</ul></div>`
			: ""
	);
}

// The SLA next to the status in the header: the clock that matters now, its state and the time
// left, as the server words it (services/sla/indicator.py). The page is shared by every record
// the form shows, so the previous record's pill goes first.
function show_sla_indicator(frm) {
	frm.page.$title_area.find(".fl-sla-indicator").remove();
	const sla = (frm.doc.__onload || {}).sla_indicator;
	if (!sla || frm.is_new()) return;
	$(`<span class="indicator-pill whitespace-nowrap fl-sla-indicator ${sla.colour}"></span>`)
		.css("margin-left", "var(--margin-sm)")
		.attr("title", sla.title)
		.append($("<span>").text(sla.label))
		.insertAfter(frm.page.indicator);
}

// A safety or legal risk is never set silently: the agent confirms or turns down the suggestion.
function show_safety_suggestion(frm) {
	if (!frm.doc.safety_suggested || frm.doc.safety_or_legal_risk || frm.is_new()) return;
	if (!frappe.model.can_write("Feedback Record")) return;
	frm.dashboard.add_comment(
		__("Possible safety or legal risk: {0}. Confirm it to make this feedback Urgent.", [
			// The category's name is translated like every category; the words found are the customer's.
			frappe.utils.escape_html((frm.doc.safety_evidence || "").split(", ").map((part) => __(part)).join(", ")),
		]),
		"red",
		true
	);
	frm.add_custom_button(
		__("Confirm Risk"),
		() => {
			frm.set_value("safety_or_legal_risk", 1);
			frm.save();
		},
		__("Safety")
	);
	frm.add_custom_button(
		__("Not a Risk"),
		() => {
			frm.set_value("safety_dismissed", 1);
			frm.save();
		},
		__("Safety")
	);
}

function start_root_cause_analysis(names) {
	frappe
		.call("feedback_loop.api.root_cause_analysis.start_root_cause_analysis", {
			feedback_records: names,
		})
		.then(({ message }) => frappe.set_route("Form", "Root Cause Analysis", message));
}

function show_analyses(frm) {
	frappe
		.call("feedback_loop.api.root_cause_analysis.get_analyses", { feedback_record: frm.doc.name })
		.then(({ message }) => {
			const rows = (message || [])
				.map(
					(a) => `<li><a href="/app/root-cause-analysis/${encodeURIComponent(a.name)}">
						${frappe.utils.escape_html(a.name)}</a>: ${frappe.utils.escape_html(a.title)}
						<span class="text-muted">(${__(a.workflow_state || "Draft")})</span></li>`
				)
				.join("");
			frm.get_field("analyses_html").$wrapper.html(
				rows ? `<div class="small"><b>${__("Root Cause Analyses")}</b><ul>${rows}</ul></div>` : ""
			);
		});
}

// What the text analysis found, where the agent acts on it.
function show_text_analysis(frm) {
	const doc = frm.doc;
	// The form refreshes again after every save; without this the notes pile up.
	frm.set_intro("");
	if (doc.needs_clarification && doc.clarifying_question) {
		frm.set_intro(
			__("Needs clarification. Suggested question: {0}", [
				frappe.utils.escape_html(doc.clarifying_question),
			]),
			"orange"
		);
	}
	if (doc.topic && doc.aspects) {
		frm.dashboard.add_comment(
			__("The customer ticked ({0}): {1}", [
				__(doc.topic),
				doc.aspects
					.split("\n")
					.map((aspect) => frappe.utils.escape_html(__(aspect)))
					.join(", "),
			]),
			"blue",
			true
		);
	}
	if (!doc.facts_complete && doc.missing_facts) {
		frm.dashboard.add_comment(
			__("Before anyone can act on this {0}, it still needs: {1}", [
				__(doc.feedback_type, null, "Feedback Record").toLowerCase(),
				doc.missing_facts
					.split("\n")
					.map((fact) => __(fact))
					.join(", "),
			]),
			"orange",
			true
		);
	}
	if (doc.triage_due && !doc.analysis_attempts) {
		// Stored the moment it arrived through the API; the job saves it within seconds.
		frm.dashboard.set_headline(
			__(
				"Received a moment ago: its text analysis, priority and reply-by times are being worked out in the background."
			),
			"blue"
		);
	} else if (doc.analysis_status === "Pending Re-analysis" && !doc.analysis_attempts) {
		// Imported history waits for its first analysis, a batch at a time.
		frm.dashboard.set_headline(__("Waiting for its first text analysis, in the background."), "blue");
	} else if (doc.analysis_status === "Pending Re-analysis") {
		frm.dashboard.set_headline(
			__("The text analysis failed and will be retried automatically."),
			"yellow"
		);
	}
	if (doc.suggested_category && doc.category_source !== "Manual" && frm.perm[0].write) {
		// The category's Chinese name is a Translation of its name (a translated doctype).
		frm.add_custom_button(__("Accept Category {0}", [__(doc.suggested_category)]), () =>
			frappe
				.call("feedback_loop.api.triage.accept_suggested_category", {
					feedback_record: doc.name,
				})
				.then(() => frm.reload_doc())
		);
	}
	if (doc.possible_duplicate_of && doc.status !== "Duplicate" && frm.perm[0].write) {
		frm.add_custom_button(__("Merge into {0}", [doc.possible_duplicate_of]), () =>
			frappe.confirm(
				__(
					"Move this record's e-mails, comments and attachments to {0} and mark this one Duplicate?",
					[doc.possible_duplicate_of]
				),
				() =>
					frappe
						.call("feedback_loop.api.triage.merge_duplicate", {
							duplicate: doc.name,
							original: doc.possible_duplicate_of,
						})
						.then(({ message }) => frappe.set_route("Form", "Feedback Record", message))
			)
		);
	}
}
