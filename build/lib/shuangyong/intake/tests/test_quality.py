"""The measured quality on the hand-labelled samples stays at or above 90% (bench/extract_quality.py prints it)."""

import pytest

from shuangyong.intake.quality import SAMPLES_DIR, score, score_samples, subjects_match, total


def test_subject_match_allows_containment_of_two_characters_or_more():
    assert subjects_match("农村", "农村义务兵家属优待金标准")
    assert subjects_match("“慰问金”", "慰问金")
    assert not subjects_match("家属", "困难优抚对象")
    assert not subjects_match("金", "慰问金")


def test_score_counts_each_label_once():
    labels = [{"start": 3, "value": 5, "unit": "户", "subject": "军属"}]
    found = [{"start": 2, "end": 5, "value": 5, "unit": "户", "subject": "军属"}] * 2
    result = score("x", found, labels)
    assert (result.found, result.labelled, result.correct, result.precision, result.recall) == (2, 1, 1, 0.5, 1.0)
    assert (result.exact, result.subject_accuracy) == (1, 1.0)


def test_a_subject_that_only_contains_the_label_is_right_but_not_exact():
    labels = [{"start": 3, "value": 5, "unit": "户", "subject": "困难军属"}]
    result = score("x", [{"start": 2, "end": 5, "value": 5, "unit": "户", "subject": "军属"}], labels)
    assert (result.correct, result.exact, result.subject_accuracy) == (1, 0, 0.0)


@pytest.mark.skipif(not SAMPLES_DIR.exists(), reason="../shared/samples is not beside the project")
def test_samples_precision_and_recall_at_least_90_percent():
    scores = score_samples()
    assert [(s.name, s.labelled) for s in scores] == [
        ("extra-phrases", 14),
        ("town-2022-summary-and-plan", 0),
        ("town-yearly-summary", 16),
        ("towns-2020-report-traditional", 29),
    ]
    overall = total(scores)
    assert overall.precision >= 0.9 and overall.recall >= 0.9
    assert overall.subject_accuracy >= 0.9  # subjects exactly as labelled
    assert scores[0].correct == scores[0].exact == 14  # parallel lists, 近万, 平方公里, 亿 without 元, repeats once
    assert scores[1].found == 0  # a summary with only placeholders (xx人) has no figure
