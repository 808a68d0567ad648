// A Custom number card of ours may say how its figure reads: the CSAT and NPS cards answer with
// an indicator (Red when low, Orange when fair, Green when good, by the thresholds of Feedback
// Settings) and the thresholds in words. Frappe colours every card's number with the one colour
// saved on the card, so a CSAT of 2.23 of 5 showed green; here the answer's indicator wins.
const NumberCardWidget = frappe.widget?.widget_factory?.number_card;
const COLOURS = { Red: "var(--red-600)", Orange: "var(--orange-600)", Green: "var(--green-600)" };

if (NumberCardWidget) {
	const frappe_render_number = NumberCardWidget.prototype.render_number;
	NumberCardWidget.prototype.render_number = function (...args) {
		const rendered = frappe_render_number.apply(this, args);
		const colour = COLOURS[this.data?.indicator];
		if (colour) {
			$(this.body)
				.find(".number")
				.css("color", colour)
				.attr("title", this.data.indicator_title || "");
		}
		return rendered;
	};
}
