import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parents[3]
LETTER = "申请人张三，身份证号11010519491231002X，手机138 1234 5678。穗府办函〔2022〕48号\n"
ID_AT = LETTER.index("1101")  # 10
MOBILE_AT = LETTER.index("138 ")  # 31


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("scan", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_one_masked_line_per_hit(tmp_path):
    """条例第十五条: the report shows where personal data is, never the data itself."""
    letter = tmp_path / "信.txt"
    letter.write_text(LETTER, encoding="gb18030")
    out, err = run(letter)
    assert out.splitlines() == [
        f"{letter}:{ID_AT}-{ID_AT + 18} id_card 110105********002X",
        f"{letter}:{MOBILE_AT}-{MOBILE_AT + 13} mobile 138****5678",
    ]
    assert "11010519491231002X" not in out
    assert "发现 2 处个人信息" in err


def test_it_prints_json_for_one_file(tmp_path):
    letter = tmp_path / "a.txt"
    letter.write_text(LETTER)
    out, _ = run(letter, "--json")
    assert json.loads(out) == [
        {"kind": "id_card", "start": ID_AT, "end": ID_AT + 18, "masked": "110105********002X"},
        {"kind": "mobile", "start": MOBILE_AT, "end": MOBILE_AT + 13, "masked": "138****5678"},
    ]


def test_it_prints_json_by_file_for_several(tmp_path):
    clean = tmp_path / "clean.html"
    clean.write_text("<p>政务公开 020-83186312</p>")
    form = tmp_path / "form.docx"
    document = docx.Document()
    document.add_table(rows=1, cols=2).cell(0, 1).text = "6222 0202 0000 0000 006"
    document.save(form)
    out, _ = run(clean, form, "--json")
    assert json.loads(out) == {
        str(clean): [],
        str(form): [{"kind": "bank_card", "start": 0, "end": 23, "masked": "6222***********0006"}],
    }


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="文件不存在"):
        run(tmp_path / "nope.txt")


def test_it_reports_an_unreadable_file_and_scans_the_rest(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pypdf", None)
    scanned = tmp_path / "a.txt"
    scanned.write_text(LETTER)
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 个文件未能扫描"):
        call_command("scan", str(scanned), str(pdf), stdout=out, stderr=err)
    assert "PDF 需要 pypdf" in err.getvalue()
    assert "110105********002X" in out.getvalue()


def test_it_runs_from_the_command_line_and_prints_valid_json(tmp_path):
    letter = tmp_path / "x.txt"
    letter.write_text(LETTER)
    env = {
        **os.environ,
        "GONGKAI_DEBUG": "true",
        "GONGKAI_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "scan", "x.txt", "--json"],
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert [hit["kind"] for hit in json.loads(result.stdout)] == ["id_card", "mobile"]


def test_it_exits_2_with_a_chinese_line_for_a_missing_file(tmp_path):
    env = {**os.environ, "GONGKAI_DEBUG": "true", "PYTHONPATH": str(ROOT)}
    env["GONGKAI_DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "scan", "nope.txt"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "错误：文件不存在：nope.txt"


PROBE_SAMPLE = (
    "当事人：欧阳娜娜，身份证号４４０１０６１９９００３０７００２８，手机１３８００１３８０００。\n"
    "当事人：王五，手机138 0013 8000，身份证 440106 19900307 0028，"
    "住址天河区体育西路123号3栋1201房。\n"
)


def test_it_finds_full_width_digits_an_id_in_groups_and_a_home_address(tmp_path):
    """Probe finding 1: a number typed in full-width digits or in groups is the same personal
    data; positions are those of the file as written."""
    sample = tmp_path / "sample.txt"
    sample.write_text(PROBE_SAMPLE)
    out, err = run(sample, "--json")
    hits = json.loads(out)
    assert [(hit["kind"], hit["masked"]) for hit in hits] == [
        ("id_card", "440106********0028"),
        ("mobile", "138****8000"),
        ("mobile", "138****8000"),
        ("id_card", "440106********0028"),
        ("address", "天河区体育西路***号*栋****房"),
    ]
    assert PROBE_SAMPLE[hits[0]["start"] : hits[0]["end"]] == "４４０１０６１９９００３０７００２８"
    assert PROBE_SAMPLE[hits[3]["start"] : hits[3]["end"]] == "440106 19900307 0028"
    out, err = run(sample)
    assert "发现 5 处个人信息（住址、手机号码、身份证号）" in err
