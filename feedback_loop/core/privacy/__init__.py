"""Privacy and access rules.

- ``masking.py``     contact data shown masked (138****5678, z***@company.com), and personal data
                     found and scrubbed in free text
- ``visibility.py``  who sees which Feedback Records (one rule for lists and single documents)

Used by services/privacy (masked fields on save, anonymisation job) and permissions.py.
"""
