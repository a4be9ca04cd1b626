"""Answer quality on two hand-written sets of colloquial questions about the 政府信息公开条例
and the 109号 fee rules, with the articles that answer them, and everyday questions about other
services that must be refused: eval_questions.tsv (written by the vocabulary's author),
eval_independent_dev.tsv (written blind to the code by someone else) and
eval_independent_dev2.tsv (by the same author, held out until the second round: first scored
hit@1 0.74, hit@3 0.89, 27/31 refused, 3/91 falsely refused). The
real e5 model, the real vocabulary and phrasings; a plain BM25 baseline in the same run. The
thresholds are what each set reaches today, less a small margin."""

import json

import pytest

from gongkai.answers import evaluation, services


@pytest.fixture
def laws(db):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in evaluation.law_records())
    services.import_jsonl(data.encode())


def _scores(path):
    hybrid, plain = evaluation.evaluate(evaluation.questions(path))
    print("\n" + hybrid.line("hybrid") + "\n" + plain.line("BM25"))
    print(f"refusal precision {hybrid.refusal_precision:.2f} recall {hybrid.refusal_recall:.2f}")
    print("\n".join(hybrid.misses))
    return hybrid, plain


def test_it_answers_its_author_s_questions_with_the_right_article_and_refuses_the_others(laws):
    hybrid, plain = _scores(evaluation.EVAL_SET)
    assert hybrid.answerable == 70 and hybrid.out_of_scope == 24
    assert hybrid.hit1 / hybrid.answerable >= 0.92
    assert hybrid.hit3 / hybrid.answerable >= 0.97
    assert hybrid.refusal_recall >= 0.95
    assert hybrid.refused_answerable / hybrid.answerable <= 0.03
    assert hybrid.hit1 > plain.hit1 + 30  # the design closes the gap, not the baseline


def test_it_answers_questions_written_blind_to_the_code_and_refuses_the_others(laws):
    hybrid, plain = _scores(evaluation.DEV_SET)
    assert hybrid.answerable == 91 and hybrid.out_of_scope == 31
    assert hybrid.hit1 / hybrid.answerable >= 0.78
    assert hybrid.hit3 / hybrid.answerable >= 0.93
    assert hybrid.refusal_recall >= 0.90
    assert hybrid.refused_answerable / hybrid.answerable <= 0.05
    assert hybrid.hit1 > plain.hit1 + 30


def test_it_answers_a_second_set_written_blind_to_the_code_and_refuses_the_others(laws):
    hybrid, plain = _scores(evaluation.DEV2_SET)
    assert hybrid.answerable == 91 and hybrid.out_of_scope == 31
    assert hybrid.hit1 / hybrid.answerable >= 0.78
    assert hybrid.hit3 / hybrid.answerable >= 0.97
    assert hybrid.refusal_recall >= 0.90
    assert hybrid.refused_answerable / hybrid.answerable <= 0.03
    assert hybrid.hit1 > plain.hit1 + 30


def test_it_answers_the_final_set_no_worse_than_when_it_was_first_scored(laws):
    """eval_independent_final.tsv: written by a second author blind to the code, the vocabulary,
    the phrasings and the other sets, and scored once when the code was finished (18902df):
    hit@1 0.75, hit@3 0.93, 29/34 refused, 1/97 falsely refused; plain BM25 0.40 / 0.53. The
    issue's bar (0.85 / 0.95 / 90% / 5%) is not met; these floors keep it from getting worse."""
    hybrid, plain = _scores(evaluation.FINAL_SET)
    assert hybrid.answerable == 97 and hybrid.out_of_scope == 34
    assert hybrid.hit1 / hybrid.answerable >= 0.72
    assert hybrid.hit3 / hybrid.answerable >= 0.90
    assert hybrid.refusal_recall >= 0.82
    assert hybrid.refused_answerable / hybrid.answerable <= 0.03
    assert hybrid.hit1 > plain.hit1 + 25
