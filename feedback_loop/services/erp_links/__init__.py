"""The app's links to ERPNext documents.

- ``deleted_documents.py``  an ERPNext document being deleted: our records drop the link and keep
                            a trace, revisits still to be sent about it are cancelled, so that
                            Frappe's link check never blocks the deletion because of us

Wired: integrations/frappe/any_document.py (the `"*"` on_trash hook).
"""
