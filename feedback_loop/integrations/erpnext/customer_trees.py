"""ERPNext's Customer Group and Territory trees: a change forgets their cached lineages and the SLA
policies whose conditions name their roots."""

from feedback_loop.integrations.frappe.tree_lineage import forget_tree
from feedback_loop.services.sla.policy import forget_policies


def forget(doc, method=None) -> None:
	forget_tree(doc)
	forget_policies()
