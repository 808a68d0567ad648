"""Collection campaigns on Frappe documents (core/campaigns).

- ``campaign.py``   checks on save, the target customers, starting (one revisit each, through
                    the revisit machinery) and closing, the figures and findings
- ``incentive.py``  an answered campaign survey earns its customer an ERPNext Coupon Code

Wired: Feedback Campaign controller, api/campaigns.py, services/callbacks/survey.py (an answer).
"""
