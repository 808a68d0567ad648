"""Improvement plans on Frappe documents.

- ``improvement_plan.py``  rules on save: target, actions and their owners' ToDos, approver role,
                           what each workflow move stamps or refuses
- ``approval.py``          the department head (ERPNext's Department and Employee) approves first,
                           the plan shared with them; whether a senior leader approves next
- ``actions.py``           an action's owner reports on it (whatever their role); its ToDo closed
                           marks it done
- ``notices.py``           the customers of a plan's feedback told when it is approved and done
- ``tracking.py``          a daily alert per overdue action, a weekly digest
- ``verification.py``      after the measurement window: figures, verdict, next state
- ``workflow.py``          approver roles from Feedback Settings; the approval transitions rewritten

Wired: Improvement Plan controller, Feedback Settings controller (approvers), tasks.py (alerts and
verification daily, digest weekly), setup/workflows.py, api/improvement_plan.py (My Actions),
integrations/frappe/todo.py (a ToDo closed).
"""
