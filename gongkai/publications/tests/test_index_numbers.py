"""索引号 (rules.md §4.2): configurable pattern, per-period serial, unique, never reused."""

import datetime as dt
import threading

import pytest
from django.db import connection, transaction

from gongkai.publications.models import Document, IndexCounter


def test_it_numbers_publications_by_the_configured_pattern(cast, make_draft, publish, settings):
    settings.INDEX_NUMBER_PATTERN, settings.AGENCY_ORG_ID = "{org_id}/{yyyy}-{seq:05d}", "000014349"
    first, second = publish(make_draft()), publish(make_draft(title="第二件"))
    year = first.published_at.year
    assert (
        first.index_no == f"000014349/{year}-00001" and second.index_no == f"000014349/{year}-00002"
    )


def test_it_never_reuses_a_withdrawn_documents_number(cast, make_draft, publish):
    first = publish(make_draft())
    first.withdraw(by=cast.press, reason="重复发布")
    second = publish(make_draft(title="重新发布"))
    assert second.index_no != first.index_no
    assert second.index_no.endswith("-00002")


def test_it_skips_a_number_already_taken_by_an_imported_record(cast, make_draft, publish, settings):
    settings.INDEX_NUMBER_PATTERN, settings.AGENCY_ORG_ID = "{org_id}/{yyyymm}-{seq:05d}", "X"
    taken = publish(make_draft())
    IndexCounter.objects.update(last=0)  # as if the counter were restored from an old backup
    again = publish(make_draft(title="另一件"))
    assert (
        again.index_no != taken.index_no
        and Document.objects.filter(index_no=again.index_no).count() == 1
    )


def test_it_refuses_to_take_a_serial_outside_a_transaction(transactional_db):
    with pytest.raises(RuntimeError):
        IndexCounter.take("2022")


def test_it_hands_out_distinct_serials_to_concurrent_publishers(transactional_db):
    """Eight threads, five serials each: 1…40, no gaps, no duplicates (row lock on the counter)."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip(
            "the in-memory SQLite test database has one connection; the PostgreSQL run covers this"
        )
    taken, errors = [], []

    def work():
        try:
            for _ in range(5):
                with transaction.atomic():
                    taken.append(IndexCounter.take("2022"))
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(taken) == list(range(1, 41))


def test_it_restarts_the_serial_each_period(db, settings):
    from django.db import transaction

    settings.INDEX_NUMBER_PATTERN, settings.AGENCY_ORG_ID = "{org_id}/{yyyy}-{seq:05d}", "A"
    with transaction.atomic():
        assert IndexCounter.next_index_number(dt.date(2022, 12, 31)) == "A/2022-00001"
        assert IndexCounter.next_index_number(dt.date(2023, 1, 1)) == "A/2023-00001"
        assert IndexCounter.next_index_number(dt.date(2022, 12, 31)) == "A/2022-00002"
