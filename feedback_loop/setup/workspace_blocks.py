"""The workspace's own blocks (Frappe Custom HTML Block): added on install and migrate, removed on
uninstall. The Revisit Plan block lists the revisit triggers that are on and switches every
revisit off (and on again) with one click (api/revisit.py)."""

import frappe

REVISIT_PLAN = "Revisit Plan"
ROLES = ("Feedback Manager", "Feedback Agent", "Quality Analyst")

HTML = """<div class="revisit-plan">
	<div class="revisit-plan-head">
		<span class="revisit-plan-title"></span>
		<button class="btn btn-sm btn-default revisit-plan-switch" style="display:none"></button>
	</div>
	<ul class="revisit-plan-triggers"></ul>
</div>"""

STYLE = """.revisit-plan { padding: var(--padding-md); border: 1px solid var(--border-color);
	border-radius: var(--border-radius-md); background: var(--card-bg); }
.revisit-plan-head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.revisit-plan-title { font-weight: 600; }
.revisit-plan-triggers { margin: 8px 0 0; padding-left: 18px; color: var(--text-muted); }"""

SCRIPT = """const title = root_element.querySelector(".revisit-plan-title");
const list = root_element.querySelector(".revisit-plan-triggers");
const button = root_element.querySelector(".revisit-plan-switch");
function show(plan) {
	title.textContent = plan.paused
		? __("Revisits are paused: none is scheduled or sent. Resolution notices still go out.")
		: __("Revisit plan: {0} revisits are on.", [plan.triggers.length]);
	list.innerHTML = "";
	if (!plan.paused && !plan.triggers.length) {
		const item = document.createElement("li");
		item.innerHTML = `<a href="/app/feedback-trigger">${__("Switch on the revisits you want in Feedback Trigger.")}</a>`;
		list.appendChild(item);
	}
	if (!plan.paused) {
		for (const trigger of plan.triggers) {
			const item = document.createElement("li");
			item.textContent = __(trigger.name) + (trigger.description ? " — " + __(trigger.description) : "");
			list.appendChild(item);
		}
	}
	button.style.display = plan.can_switch ? "" : "none";
	button.textContent = plan.paused ? __("Switch Revisits On") : __("Switch All Revisits Off");
	const flip = () =>
		frappe
			.call("feedback_loop.api.revisit.set_revisits_paused", { paused: plan.paused ? 0 : 1 })
			.then(({ message }) => show(message));
	// Pausing stops every revisit of every customer: asked once more.
	button.onclick = () =>
		plan.paused
			? flip()
			: frappe.confirm(__("Pause every revisit? None is scheduled or sent until you switch them on again."), flip);
}
frappe.call("feedback_loop.api.revisit.revisit_plan").then(({ message }) => show(message));
// The setup panel above ticks a step when its button is clicked; the server re-reads the site, and
// the page shows the truth (once) when they differ.
if (frappe.user.has_role(["System Manager", "Feedback Manager"])) {
	frappe
		.call({ method: "feedback_loop.api.onboarding.refresh_setup_steps", type: "POST" })
		.then(({ message }) => {
			if (!message) return;
			if (message.finished_now) {
				frappe.msgprint({ title: __("Set Up the Feedback Loop"), message: message.success_message, indicator: "green" });
				frappe.msg_dialog.custom_onhide = () => window.location.reload();
			} else if (message.changed) {
				window.location.reload();
			}
		});
}"""


def add_workspace_blocks() -> None:
	values = {"html": HTML, "script": SCRIPT, "style": STYLE, "private": 0}
	if frappe.db.exists("Custom HTML Block", REVISIT_PLAN):
		block = frappe.get_doc("Custom HTML Block", REVISIT_PLAN)
		block.update(values)
	else:
		block = frappe.new_doc("Custom HTML Block")
		block.name = REVISIT_PLAN
		block.update(values)
	block.set("roles", [{"role": role} for role in ROLES if frappe.db.exists("Role", role)])
	block.flags.ignore_permissions = True
	if block.is_new():
		block.insert(set_name=REVISIT_PLAN)
	else:
		block.save()


def remove_workspace_blocks() -> None:
	if frappe.db.exists("Custom HTML Block", REVISIT_PLAN):
		frappe.delete_doc(
			"Custom HTML Block", REVISIT_PLAN, force=True, ignore_permissions=True, delete_permanently=True
		)
