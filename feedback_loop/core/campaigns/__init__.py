"""Collection campaigns (the channel-optimisation seed): a goal, target customers, a channel, a
period and an incentive for an answered survey; their response rate and findings.

- ``campaign.py``  what a campaign must name, when it may start, its figures from its revisits

Used by services/campaigns (the Feedback Campaign controller, starting it, the incentive).
"""
