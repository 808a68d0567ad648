"""Triage of a Feedback Record: what its text says, how urgent it is, who it is from, who has it.

- ``analysis.py``               the text analysis on insert and on every edit of the text; never
                                blocks a save (Pending Re-analysis, retried); imports analysed later
- ``backlog.py``                an imported backlog analysed a batch at a time, its neighbours read
                                once per job, the same steps as a save, written in bulk
- ``arrival.py``                API feedback stored at once, triaged by a job right after (swept
                                up after ten minutes), then acknowledged
- ``record_text.py``            the words of a record that analysis, duplicates and training read
- ``engine.py``                 the site's Triager: categories' keywords, settings' cues, the model
- ``category_training.py``      retrain the category model on agents' confirmed choices
- ``category_translations.py``  each category's Chinese name kept as a Frappe Translation
- ``duplicates.py``             possible duplicates of the same person's recent feedback; merging
- ``priority.py``               the editable matrix and the priority rules of Feedback Settings,
                                the reasons shown on the record, never below an escalation
- ``routing.py``                top-level category, routing rules' users from departments (not
                                disabled, gone or on leave), reassignment on escalation
- ``customer_segment.py``       New / Returning / Key Account from submitted orders and invoices
- ``assignee.py``               the first assignee and their department as report columns

Wired: Feedback Record controller (analysis, category group, priority, segment), hooks on
Assignment Rule, Employee, User, Leave Application and the daily job (routing), Feedback Category and Feedback
Settings controllers (engine version, translations), api/triage.py (accept, merge, retrain),
integrations/frappe/todo.py (assignee), tasks.py (retry and sweep every 10 minutes, retrain daily),
commands.py (retrain-category-model, reanalyse).
"""
