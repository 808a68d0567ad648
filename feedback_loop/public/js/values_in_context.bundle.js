// Frappe translates a Select's options in their doctype's context while they can be chosen on a
// form, but shows a read-only or listed value, a list filter's options and a dashboard chart's
// groups with the word's general translation, or none. In Chinese our category source "Manual"
// (人工) then read 手册 (a handbook), the status "Duplicate" (重复反馈) 复制 (to copy), and the
// charts said Email, Negative, Breached. Our doctypes' values are shown in their own context, as
// Frappe's form does; other apps' fields are left to Frappe.
const MODULE = "Feedback Loop";

function is_ours(doctype) {
	return Boolean(doctype) && frappe.get_meta(doctype)?.module === MODULE;
}

const frappe_select_formatter = frappe.form.formatters.Select;

frappe.form.formatters.Select = function (value, df, ...rest) {
	if (value && is_ours(df?.parent)) {
		return __(frappe.form.formatters.Data(value, df), null, df.parent);
	}
	return frappe_select_formatter(value, df, ...rest);
};

// Frappe's pill for a Select column of a list, with the value read in its doctype's context.
function select_pill(doctype) {
	return (value, df) => {
		if (!value) return "";
		const escaped = frappe.utils.escape_html(value);
		const shown = frappe.utils.escape_html(__(value, null, doctype));
		return `<span class="ellipsis" title="${__(df.label, null, doctype)}: ${shown}">
			<span class="filterable indicator-pill ${frappe.utils.guess_colour(value)} ellipsis"
				data-filter="${df.fieldname},=,${escaped}"><span class="ellipsis">${shown}</span></span>
		</span>`;
	};
}

// A list's standard filters are built without their doctype, so their options miss the context,
// and its Select columns are translated without one.
const frappe_list_setup_view = frappe.views.ListView.prototype.setup_view;

frappe.views.ListView.prototype.setup_view = function (...args) {
	if (is_ours(this.doctype)) {
		for (const field of Object.values(this.page.fields_dict || {})) {
			if (field.df.fieldtype === "Select" && !field.df.context) {
				field.df.context = this.doctype;
				field.last_options = null;
				field.set_options();
			}
		}
		this.settings.formatters = this.settings.formatters || {};
		for (const df of this.meta.fields) {
			if (df.fieldtype === "Select" && !this.settings.formatters[df.fieldname]) {
				this.settings.formatters[df.fieldname] = select_pill(this.doctype);
			}
		}
	}
	return frappe_list_setup_view.apply(this, args);
};

// A Group By chart's groups are the stored values: a status, a channel, a category's name (whose
// Chinese name is a Translation). The workspace has not loaded the doctype, so the chart's own
// module says whether it is ours. Frappe honours a chart's number of groups only for pies; our
// bar of top categories keeps that many too, or twenty names crowd its axis.
const ChartWidget = frappe.widget?.widget_factory?.chart;

if (ChartWidget) {
	const frappe_chart_fetch = ChartWidget.prototype.fetch;
	ChartWidget.prototype.fetch = function (...args) {
		return frappe_chart_fetch.apply(this, args).then((data) => {
			const chart = this.chart_doc || {};
			if (data?.labels && chart.chart_type === "Group By" && chart.module === MODULE) {
				data.labels = data.labels.map((label) => __(label, null, chart.document_type));
				const groups = chart.number_of_groups;
				if (chart.type === "Bar" && groups && data.labels.length > groups) {
					data.labels = data.labels.slice(0, groups);
					data.datasets.forEach((dataset) => (dataset.values = dataset.values.slice(0, groups)));
				}
			}
			return data;
		});
	};
}

// A workflow state is a Link to Workflow State, which Frappe shows translated only to readers
// who may open Workflow State: an agent read 工作流状态 Draft beside the form's own 草案.
const frappe_workflow_state_formatter = frappe.form.link_formatters["Workflow State"];

frappe.form.link_formatters["Workflow State"] = function (value, doc, df) {
	if (value && is_ours(df?.parent || doc?.doctype)) return __(value);
	return frappe_workflow_state_formatter ? frappe_workflow_state_formatter(value, doc, df) : value;
};
