"""bench/rerank_answers.py: the offline second stage learns from the dev sets only, reorders by
what it learned, and keeps no question in its dump to show."""

import pytest

from bench import rerank_answers as rerank


def row(gold, keys, nb, *, refused=False):
    return {
        "gold": set(gold),
        "refused": refused,
        "bm25": keys[:3],
        "candidates": [
            {"key": key, "fused": 0, "lexical": None, "dense": None, "phr_max": 0,
             "phr_top2": 0, "vote": 0, "text": 0, "nb_raw": value}
            for key, value in zip(keys, nb, strict=True)
        ],
    }  # fmt: skip


def second_is_gold(n):
    # the gold article is second in the current order, and the bigram score says so
    return [row({"b"}, ["a", "b", "c"], [-3.0, -1.0, -4.0]) for _ in range(n)]


def test_it_learns_a_signal_that_finds_the_gold_and_reorders_by_it():
    names = ["pos", "top1", "nb"]
    weights = rerank.fit(second_is_gold(20), names)
    assert weights[names.index("nb")] > 0
    held = second_is_gold(5)
    before, after = rerank.scores(held, None, names), rerank.scores(held, weights, names)
    assert (before["hit1"], after["hit1"]) == (0, 5)
    assert after["hit3"] == 5


def test_without_a_signal_it_leaves_the_order_as_it_was():
    names = ["pos", "top1", "nb"]
    flat = [row({"a"}, ["a", "b", "c"], [0.0, 0.0, 0.0]) for _ in range(10)]
    weights = rerank.fit(flat, names)
    assert rerank.reordered(flat[0], weights, names) == ["a", "b", "c"]


def test_a_refused_answerable_question_is_no_hit_whatever_the_order():
    names = ["pos", "top1", "nb"]
    refused = [row({"a"}, ["a", "b", "c"], [0.0, -1.0, -1.0], refused=True)]
    s = rerank.scores(refused, rerank.fit(second_is_gold(5), names), names)
    assert (s["n"], s["hit1"], s["hit3"], s["refused"]) == (1, 0, 0, 1)


def test_held_out_sets_are_never_fitted_on_nor_scored_unless_asked():
    names = ["pos", "top1", "nb"]
    # the held set teaches the opposite (the bigram score points away from the gold)
    misleading = [row({"a"}, ["a", "b", "c"], [-4.0, -1.0, -3.0]) for _ in range(200)]
    data = {"dev1": second_is_gold(10), "dev2": second_is_gold(10), "mine_held": misleading}
    lines = rerank.table(data, names, ("mine_held",), False)
    assert not any("mine_held" in line for line in lines)
    dev_only = rerank.fit(second_is_gold(20), names)
    assert lines[-1] == "weights (all dev sets): " + ", ".join(
        f"{k} {w:+.3f}" for k, w in zip(names, dev_only, strict=True)
    )
    scored = rerank.table(data, names, ("mine_held",), True)
    assert any(line.startswith("held mine_held") for line in scored)


def test_it_refuses_an_unknown_feature_in_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        rerank.main(["fit", str(tmp_path / "none.json"), "--features", "pos,answer_type"])
    assert "没有这些特征：answer_type" in str(stop.value)


def test_within_three_it_never_moves_an_article_out_of_the_first_three(tmp_path, capsys):
    import json

    # the bigram score would lift the fourth candidate (the gold) to the top: within 3 it
    # may not, so hit@3 cannot change either way
    rows = [row({"d"}, ["a", "b", "c", "d"], [-3.0, -3.0, -3.0, -0.5]) for _ in range(10)]
    teach = [row({"b"}, ["a", "b", "c", "d"], [-3.0, -1.0, -4.0, -4.0]) for _ in range(20)]
    path = tmp_path / "feat.json"
    data = {"dev1": teach, "dev2": teach, "mine": rows}
    for set_rows in data.values():
        for r in set_rows:
            r["gold"] = sorted(r["gold"])
    path.write_text(json.dumps(data), encoding="utf-8")
    rerank.main(["fit", str(path), "--within", "3", "--held", "none"])
    mine = next(line for line in capsys.readouterr().out.splitlines() if " mine " in line)
    assert "0.000→0.000        0.000→0.000" in mine


def test_write_fits_on_every_dev_set_and_writes_weights_the_product_reads(
    tmp_path, monkeypatch, capsys
):
    import json

    from gongkai.answers import rerank as product

    target = tmp_path / "rerank_weights.json"
    monkeypatch.setattr(product, "WEIGHTS", target)
    teach = [row({"b"}, ["a", "b", "c"], [-3.0, -1.0, -4.0]) for _ in range(20)]
    data = {"dev1": teach, "dev2": teach}
    for set_rows in data.values():
        for r in set_rows:
            r["gold"] = sorted(r["gold"])
    path = tmp_path / "feat.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    rerank.main(["fit", str(path), "--features", "pos,top1,nb", "--write"])
    weights = product.read_weights(target)
    assert weights.names == ("pos", "top1", "nb") and weights.within == 3
    assert weights.values[2] > 0  # it learnt the bigram signal of both sets
    assert weights.fitted["sets"] == ["dev1", "dev2"] and weights.fitted["questions"] == 40
    assert "--features pos,top1,nb --within 3" in weights.fitted["how"]


def test_write_refuses_a_within_the_product_may_not_use(tmp_path, monkeypatch):
    from gongkai.answers import rerank as product

    target = tmp_path / "rerank_weights.json"
    monkeypatch.setattr(product, "WEIGHTS", target)
    with pytest.raises(SystemExit) as stop:
        rerank.main(["fit", str(tmp_path / "none.json"), "--within", "8", "--write"])
    assert "--within 应为 1 到 3" in str(stop.value)
    assert not target.exists()
