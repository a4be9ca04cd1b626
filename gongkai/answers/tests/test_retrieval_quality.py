"""Answer quality on the hand-written evaluation set (eval_questions.tsv): colloquial questions
about the 政府信息公开条例 and the 109号 fee rules with the articles that answer them, typed by
hand, and everyday questions about other services that must be refused. The real e5 model and
the real vocabulary; a plain BM25 baseline in the same run."""

import json

from gongkai.answers import evaluation, services


def test_it_answers_colloquial_questions_with_the_right_article_and_refuses_the_others(db):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in evaluation.law_records())
    services.import_jsonl(data.encode())
    rows = evaluation.questions()
    assert len(rows) >= 90
    hybrid, plain = evaluation.evaluate(rows)
    print("\n" + hybrid.line("hybrid") + "\n" + plain.line("BM25"))
    print(f"refusal precision {hybrid.refusal_precision:.2f} recall {hybrid.refusal_recall:.2f}")
    print("\n".join(hybrid.misses))
    assert hybrid.answerable == 70 and hybrid.out_of_scope == 24
    assert hybrid.hit1 / hybrid.answerable >= 0.75
    assert hybrid.hit3 / hybrid.answerable >= 0.90
    assert hybrid.refusal_recall >= 0.90
    assert hybrid.refused_answerable / hybrid.answerable <= 0.05
    assert hybrid.hit1 > plain.hit1 + 20  # the design closes the gap, not the baseline
