"""Handlers for other apps' doctypes, one module per foreign doctype, wired from hooks.py.

- ``erpnext/dashboards.py``          Customer, Sales Order, Delivery Note, Sales Invoice, Issue:
                                     the Feedback group on their dashboards
- ``erpnext/holiday_list.py``        a changed Holiday List moves the open records' due moments
- ``frappe/any_document.py``         every doctype (`"*"`): a watched submit or status change
                                     schedules a revisit
- ``frappe/communication.py``        an e-mail sent is a first response; one received continues
                                     the record
- ``frappe/todo.py``                 assignments kept as the record's assignee and department
- ``frappe/form_load.py``            the form and its timeline masked for roles without contact rights
- ``frappe/fieldlevel_permissions.py``  restricted fields kept out of list queries (every request
                                     and job)
"""
