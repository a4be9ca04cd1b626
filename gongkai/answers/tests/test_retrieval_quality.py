"""Answer quality on five hand-written sets of colloquial questions about the 政府信息公开条例
and the 109号 fee rules, with the articles that answer them, and everyday questions about other
services that must be refused: eval_questions.tsv (written by the vocabulary's author),
eval_independent_dev.tsv (written blind to the code by someone else),
eval_independent_dev2.tsv (by the same author, held out until the second round: first scored
hit@1 0.74, hit@3 0.89, 27/31 refused, 3/91 falsely refused) and eval_independent_final.tsv
(a second blind author) and eval_independent_final2.tsv (a third; see FLOORS). The real e5
model, the real vocabulary and phrasings; a plain BM25 baseline in the same run. The
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


# set: (answerable, out of scope, hit@1 ≥, hit@3 ≥, refusal recall ≥, falsely refused ≤,
# hit@1 above plain BM25 by more than — the design closes the gap, not the baseline).
# Since the third round (topics taken out, phrasings by each article's own situation, more of
# other agencies' look-alike questions) all four sets are the developers' own: own 0.96 / 1.00,
# 24/24, 0/70; dev 0.88 / 0.98, 29/31, 1/91; dev2 0.82 / 0.99, 30/31, 0/91; final 0.85 / 0.97,
# 33/34, 1/97 (hit@1 with PostgreSQL's BM25: 0.94, 0.86, 0.81, 0.86). The figure that counts
# is on a set none of them has seen (the bar: 0.85 / 0.95 / 90% / 5%); these floors
# keep each set from getting worse. Fourth round (a second reading for the third candidate,
# phrasings for the confused pairs, more look-alikes of other agencies): own 0.96 / 1.00, 24/24,
# 0/70; dev 0.90 / 0.97, 30/31, 1/91; dev2 0.82 / 0.99, 31/31, 0/91; final 0.87 / 0.98, 33/34,
# 1/97 (dev hit@1 on PostgreSQL: 0.87); and each of the 535 phrasings of data/asked.tsv asked
# with itself left out (`bench/bench_answers.py --leave-out`) 0.71 / 0.92, from 0.70 / 0.90.
# Fifth round: final2 became a dev set. Its gold names the fee rules "109号:第X条", which the
# scoring read literally, so each of its 20 fee questions was a miss (`gold_key`); scored right,
# the fourth round's code gives final2 0.91 / 0.98, 41/43, 1/149, and after this round's
# vocabulary and look-alikes 0.94 / 0.99, 43/43, 0/149; final 34/34 refused; the others as before.
# Sixth round (final3 a dev set too; other agencies' own records named as such, fee words no
# evidence of ours, the fee rules only for questions about money, rumours as said): own 0.96 /
# 1.00, 24/24, 0/70; dev 0.90 / 0.97, 31/31, 1/91; dev2 0.84 / 0.99, 31/31, 0/91; final 0.88 /
# 0.98, 34/34, 1/97; final2 0.94 / 0.99, 43/43, 0/149 (PostgreSQL: 0.94, 0.87, 0.82, 0.88, 0.94).
# Eighth round (all of final4 dev data; the confused pairs' causes: 告 read inside 告诉, 书 inside
# 申请书, 拆 inside 拆迁 — the vocabulary's `unlike` rows; handing in (交) dozens (件) of
# applications taken for money, so 109号第四条 stood over 第三十五条; 第八条's phrasings asking
# "can I do it online" for 28/29's channels; topic words in a 第二十七条 phrasing; more
# look-alikes of other agencies' procedures), SQLite, before → after: own 67 → 68/70;
# dev 82 → 83/91; dev2 76 → 77/91; final 85 → 85/97; final2 141 → 144/149; final3 167 → 175/190;
# final4_dev 81 → 89/95, hit@3 92 → 93, refused 48 → 49/51; final4_held 85 → 89/95, hit@3
# 92 → 95, refused 44 → 46/50; no hit@3 or refusal lost, false refusals unchanged; leaving each
# phrasing out 403/553 → 417/561 (0.73 → 0.74), hit@3 0.92 both.
# Ninth round (第五十五条's public bodies asked to publish are ours, not refused as their
# everyday service; input-method slips and dialect words read as meant), SQLite, hit@1 / hit@3
# before → after: own 68/70 both; dev 83/89 both; dev2 77/91 both; final 85 → 88/97, 95 → 96,
# falsely refused 1 → 0; final2 144/148 both; final3 175 → 176/190, 187 both; final4_dev 89 → 90,
# 93 → 94/95; final4_held 89/95 both; refusals unchanged everywhere (310/316); leaving each
# phrasing out 418/518/561 (hit@1/hit@3) after. The fusion's constants were tried again (RRF_K
# 40, 60; the second reading's weights): none lifted leave-one-out hit@3 without a set losing.
# Stop 26: the second stage (rerank.py) reorders the first three; every set is dev data and its
# weights are fitted on all of them. SQLite, hit@1 first stage → with it (hit@3 and refusals
# cannot change): own 68/70 both; dev 83 → 85/91; dev2 77 → 82/91; final 88 → 89/97; final2
# 144 → 146/149; final3 177 → 181/190; final4_dev 89 → 91/95; final4_held 89/95 both; final7
# 175 → 180/206. Fitted leaving the set itself out instead (bench/rerank_answers.py fit), each
# set scores the same. The hit@1 floors below are those figures less a margin for PostgreSQL.
FLOORS = {
    "own": (evaluation.EVAL_SET, 70, 24, 0.92, 0.98, 0.95, 0.03, 30),
    "dev": (evaluation.DEV_SET, 91, 31, 0.90, 0.96, 0.96, 0.03, 30),  # sixth round: 31/31
    "dev2": (evaluation.DEV2_SET, 91, 31, 0.86, 0.97, 0.96, 0.03, 30),
    # Written by a second author blind to the code, the vocabulary, the phrasings and the
    # other sets; scored once when the code was finished (18902df): hit@1 0.75, hit@3 0.93,
    # 29/34 refused, 1/97 falsely refused; plain BM25 0.40 / 0.53. Its misses were seen since.
    "final": (evaluation.FINAL_SET, 97, 34, 0.89, 0.97, 0.97, 0.03, 30),
    # A third author, blind to everything but the two texts, wrote it while the third round was
    # made; scored once on its finished code (572b18e): hit@1 0.80, hit@3 0.87, 40/43 refused,
    # 1/149 falsely refused (2732c19: 0.78 / 0.87, 37/43, 1/149; plain BM25 0.42 / 0.59), all
    # read with its 109号 golds never matching. Read right (gold_key), 7e73729 (the same answers
    # as 572b18e) scores 0.93 / 0.99, 40/43, 1/149: the bar was met. Floors less a
    # margin for PostgreSQL's BM25.
    "final2": (evaluation.FINAL2_SET, 149, 43, 0.95, 0.96, 0.97, 0.02, 35),
    # A fourth author, as blind, wrote it while the fourth round was made (190 answerable, 52 to
    # refuse, many of them look-alikes). Held out from both rounds; scored by the lead with the
    # 109号 names read as the library's 109 (see gold_key): 7e73729 0.86 / 0.96, 40/52, 0/190;
    # fourth round (b252f90) 0.86 / 0.97, 41/52, 1/190; fifth round (74b4c6f) 0.86 / 0.97,
    # 43/52, 1/190; plain BM25 0.51 / 0.69. The bar is met but for refusals (83%, bar 90%).
    # Sixth round (final3 now a dev set: other agencies' own records and procedures named as
    # such, fee words no evidence of ours): 0.87 / 0.98, 52/52, 1/190 (PostgreSQL 0.86 / 0.98).
    "final3": (evaluation.FINAL3_SET, 190, 52, 0.92, 0.96, 0.96, 0.02, 50),
    # A fifth author, as blind, wrote final4 (291 questions) during the sixth round; scored by the
    # lead on the merged code: hit@1 161/190 = 0.847, hit@3 0.96, 91% refused, 0% falsely refused.
    # Every other question became dev data (this half): 0.80 / 0.95, 48/51, 0/95 before the
    # seventh round's phrasings, 0.85 / 0.97, 48/51, 0/95 after (plain BM25 0.55 / 0.68).
    "final4_dev": (evaluation.FINAL4_DEV_SET, 95, 51, 0.92, 0.97, 0.94, 0.02, 20),
    # final4's other half, held out from the sixth and seventh rounds (the lead's scoring): 85/95
    # (0.89) / 0.97, 44/50, 0/95 before the seventh round and after it. Floors less a margin
    # for PostgreSQL's BM25.
    "final4_held": (evaluation.FINAL4_HELD_SET, 95, 50, 0.89, 0.96, 0.90, 0.02, 20),
    # A sixth author, as blind, wrote final7 in stop 25; held out with the lead and scored blind
    # on c07297a: 175/206 (0.850) / 0.966, 72/80 refused (90%), 3/206 (1.5%) falsely refused;
    # plain BM25 0.57 / 0.68. Dev data since stop 26. Floors less a margin for PostgreSQL.
    "final7": (evaluation.FINAL7_SET, 206, 80, 0.85, 0.96, 0.90, 0.02, 50),
    # A seventh author, as blind, wrote final8 in stop 26 (fee corner cases, indirect situations,
    # refusals close to the domain); scored blind on 3315b83: 187/219 (0.854) / 0.922, 65/80
    # refused (81%), 5/219 falsely refused; plain BM25 0.49 / 0.64. Dev data since stop 27, whose
    # causes (traditional characters and slips read as meant, 退休 the asker not the question,
    # 三公经费 and the 公开指南's office hours in rule words, other bodies' own records and
    # favours among the look-alikes) give 196 (0.895) / 0.963, 76/80, 3/219; every other set
    # as before but final7: 180 → 181, hit@3 199 → 200, refused 72 → 76/80.
    "final8": (evaluation.FINAL8_SET, 219, 80, 0.87, 0.95, 0.93, 0.02, 60),
    # An eighth author, as blind, wrote final10 in stop 27 (people who rarely deal with
    # government, edge cases, two-line follow-ups, refusals that sound like disclosure); scored
    # blind on 42ba5d9: 0.837 / 0.955, 54/80 refused (67.5%), 3/202 falsely refused; plain BM25
    # 0.61 / 0.75. Dev data since stop 28, whose information the 条例 does not reach (vocabulary
    # `beyond`: courts, procuratorates, party and congress bodies, listed and private companies,
    # banks, a person's own records at a school or hospital, other disclosure rules) and
    # follow-ups judged by what they ask give 80/80 refused, 2/202 falsely refused; every other
    # set refuses as many or more (dev2 30 → 31/31, final4_dev 49 → 50/51, final4_held 46 →
    # 49/50, final7 and final8 76 → 80/80), no false refusal more, hit@1 and hit@3 as before;
    # with the second stage refitted on all eleven sets final10 0.85 / 0.96, final4_dev 0.96 →
    # 0.95, final4_held 0.94 → 0.93, the others as before (two decimals).
    "final10": (evaluation.FINAL10_SET, 202, 80, 0.82, 0.95, 0.95, 0.02, 40),
}


@pytest.mark.parametrize("name", FLOORS)
def test_it_answers_each_set_with_the_right_article_and_refuses_the_others(laws, name):
    path, answerable, out_of_scope, hit1, hit3, recall, false_refusals, gap = FLOORS[name]
    hybrid, plain = _scores(path)
    assert (hybrid.answerable, hybrid.out_of_scope) == (answerable, out_of_scope)
    assert hybrid.hit1 / hybrid.answerable >= hit1
    assert hybrid.hit3 / hybrid.answerable >= hit3
    assert hybrid.refusal_recall >= recall
    assert hybrid.refused_answerable / hybrid.answerable <= false_refusals
    assert hybrid.hit1 > plain.hit1 + gap


def test_it_scores_a_gold_article_named_109号_as_the_library_s_109_article(tmp_path):
    # final2 and final3 name the fee rules "109号:第四条"; the library keeps them as "109:第四条".
    # Read literally, every such question counted as a miss however it was answered.
    path = tmp_path / "set.tsv"
    path.write_text(
        "# a comment\n一个月申请多少件不收费\t109号:第四条\n"
        "为什么收费\t109号:第一条|条例:第四十二条\n办护照去哪\tREFUSE\n",
        encoding="utf-8",
    )
    assert evaluation.questions(path) == [
        ("一个月申请多少件不收费", {"109:第四条"}),
        ("为什么收费", {"109:第一条", "条例:第四十二条"}),
        ("办护照去哪", set()),
    ]
