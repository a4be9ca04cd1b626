"""Migration 0009: third parties' answers from before the objection field that clearly say
不同意/反对 are marked as objections; anything less clear, and other agencies' answers, are not."""

import datetime as dt
import importlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.disclosure_requests.models import Consultation
from gongkai.testing import registered_case

migration = importlib.import_module(
    "gongkai.disclosure_requests.migrations.0009_mark_third_party_objections"
)
D = dt.date


def _answer(case, result, *, kind="third_party", answered=True):
    return Consultation.objects.create(
        case=case,
        kind=kind,
        party="某化工企业",
        sent_on=D(2022, 10, 10),
        answered_on=D(2022, 10, 12) if answered else None,
        result=result,
    )


def _run_migration():
    state = MigrationExecutor(connection).loader.project_state(
        ("disclosure_requests", "0008_fee_notice_received_on")
    )
    migration.mark_objections(state.apps, None)


def test_it_marks_only_third_party_answers_that_clearly_object(cast):
    case = registered_case(cast)[0]
    clear = [
        _answer(case, "不同意公开：涉及商业秘密。"),
        _answer(case, "本公司反对公开该应急预案。"),
    ]
    unclear = [
        _answer(case, "不反对公开。"),
        _answer(case, "对公开无异议。"),
        _answer(case, "没有反对意见。"),
        _answer(case, "部分同意公开，第三页不同意公开。"),
        _answer(case, "请贵机关依法处理。"),
        _answer(case, "不同意公开。", kind="other_agency"),
        _answer(case, "不同意公开。", answered=False),
    ]
    _run_migration()
    assert [c.pk for c in Consultation.objects.filter(objected=True)] == [c.pk for c in clear]
    assert not Consultation.objects.filter(pk__in=[c.pk for c in unclear], objected=True).exists()


def test_it_reads_the_wording_as_the_office_would():
    assert migration.is_clear_objection("我单位不同意公开")
    assert migration.is_clear_objection("反对")
    assert not migration.is_clear_objection("我单位不反对")
    assert not migration.is_clear_objection("同意公开")
    assert not migration.is_clear_objection("未提出反对意见")
