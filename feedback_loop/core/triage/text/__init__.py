"""Text analysis of feedback, framework-free: one call (``triage.Triager.triage``) says everything.

- ``normalise.py``       one spelling of Chinese and Latin text (width, traditional → simplified,
                         case, marks), and the text's language
- ``segmentation.py``    jieba loaded once; one cached cut of a clause
- ``sentiment.py``       label, score and cues, by language: ``zh_sentiment.py`` (cue lexicon
                         ``zh_lexicon.py``, corpus model ``zh_corpus_model.py`` with its weights in
                         ``zh_corpus_model.tsv.gz``, SnowNLP's Bayes model ``snownlp_bayes.py``) and
                         ``en_sentiment.py`` (VADER with ``en_cues.py``)
- ``keywords.py``        top terms, and the stop words every part shares
- ``category_rules.py``  the categories' bilingual keyword lists
- ``category_model.py``  TF-IDF + logistic regression learned from agents' choices, with
                         ``char_ngrams.py`` (one text's TF-IDF row) and ``category_names.py``
- ``vague.py``           too vague to act on, and the question to ask
- ``duplicates.py``      near-duplicate texts of the same person
- ``triage.py``          all of the above in one call, with the thresholds of Feedback Settings

Applied to records by services/triage/analysis.py; measured by ``python -m
feedback_loop.tools.evaluate`` (docs/text-analysis.md).
"""
