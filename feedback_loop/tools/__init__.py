"""Commands for developers, not runtime: nothing the site runs imports this package.

- ``evaluate.py``   measure the text analysis on labelled CSV files against SnowNLP / VADER
                    (``python -m feedback_loop.tools.evaluate --help``; docs/text-analysis.md)
- ``demo_data/``    two years of bilingual demo feedback (``bench --site SITE feedback-loop
                    make-demo-data`` / ``remove-demo-data``, commands.py)
- ``benchmarks/``   figures and ratios against the matching ERPNext feature in the same run
                    (``bench --site SITE execute feedback_loop.tools.benchmarks.<name>.run``;
                    docs/benchmarks.md)
"""
