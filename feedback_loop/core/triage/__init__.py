"""Triage rules: how urgent a feedback is, who sent it, and what its text says.

- ``priority_matrix.py``    impact × urgency → priority; safety or legal risk is always Urgent
- ``priority_rules.py``     the rules on top: words, scores, segment, repeats, crowds, safety
                            suggestions; each rule applied reported
- ``routing.py``            the Assignment Rule conditions, who may take feedback, who is next
- ``customer_segment.py``   New / Returning / Key Account from real sales history
- ``initial_sentiment.py``  the sentiment labels, and a first one from the feedback type
- ``survey_evidence.py``    a low survey score makes the shown sentiment Negative, whatever the words
- ``type_evidence.py``      a chosen Complaint that reads neither way is shown Negative (Praise: Positive)
- ``category_search.py``    which categories a link search shows, in what order, with what hint
- ``record_text.py``        which words of a record the analysis reads
- ``neighbours.py``         a backlog's duplicate candidates and category counts, kept in memory
- ``text/``                 text analysis, offline, Chinese and English: normalisation, sentiment,
                            keywords, categories (rules and a learned model), vague text, duplicates

Used by services/triage (the record's controller on save, the retry and retraining jobs) and
api/category_search.py.
"""
