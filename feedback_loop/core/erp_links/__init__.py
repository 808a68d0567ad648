"""What the app's records keep of an ERPNext document that is deleted.

- ``deleted.py``  the trace line a record keeps (doctype, number, date, when and by whom), how
                  lines add up, and which revisits a deleted document cancels

Used by services/erp_links (the `"*"` on_trash hook clears the links before Frappe checks them).
"""
