"""Handlers for other apps' doctypes, one module per foreign doctype, wired from hooks.py.

- ``erpnext/dashboards.py``          Customer, Sales Order, Delivery Note, Sales Invoice, Issue:
                                     the Feedback group on their dashboards
- ``erpnext/holiday_list.py``        a changed Holiday List moves the open records' due moments;
                                     the calendar setup step
- ``erpnext/department.py``          a standard department made after install: its routing rule
- ``erpnext/employee.py``            department, status or user changed: routing rules' users
- ``hrms/leave_application.py``      leave approved or cancelled: routing rules' users
- ``frappe/assignment_rule.py``      a routing rule's users follow its department; the catch-all
                                     rule gives way to routed categories
- ``frappe/user.py``                 enabled or roles changed: routing rules' users; setup steps
- ``frappe/email_account.py``        an account that sends: the e-mail setup step
- ``frappe/sms_settings.py``         a gateway: the SMS or WeChat setup step
- ``frappe/system_settings.py``      the site's time zone changed: SLA policies that followed it
- ``frappe/auto_email_report.py``    a digest switched on: its setup step
- ``frappe/any_document.py``         every doctype (`"*"`): a watched submit or status change
                                     schedules a revisit; a deleted ERPNext document leaves our
                                     records a trace instead of a link (services/erp_links)
- ``frappe/communication.py``        an e-mail sent is a first response; one received continues
                                     the record
- ``frappe/todo.py``                 assignments kept as the record's assignee and department
- ``frappe/form_load.py``            the form and its timeline masked for roles without contact rights
- ``frappe/fieldlevel_permissions.py``  restricted fields kept out of list queries (every request
                                     and job)
- ``frappe/link_rights.py``          what our roles may pick of ERPNext's doctypes, without rules
                                     on them; ``link_check.py`` answers Frappe's link check for them
- ``frappe/desk_users.py``           desk methods refuse guests and portal users first
- ``frappe/aggregate_list.py``       report counts through Frappe's permission-checked list query,
                                     on Frappe 15 (SQL text) and 16 (pypika terms)
"""
