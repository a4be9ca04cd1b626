"""Property-based tests of every public form through the Django test client (issue 15, fuzzing):
the application form (/apply/), the lookup, 补正 on the status page, search and the portal's
filters. Whatever is sent, the answer is never a 500 (400 only for a request Django cannot
parse), and a refused submission writes nothing.

Examples tried per run (max_examples): apply 60, lookup 40, 补正 40, search 60, portal filters
60 — 260 requests in all, plus the fixed @example cases.
"""

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.disclosure_requests.models import CaseStatus, DisclosureRequest, RequestEvent
from gongkai.publications.models import Category, Document, Kind
from gongkai.testing import APPLICATION_FORM

FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))


def fuzz(examples: int):
    return settings(FUZZ, max_examples=examples)


# Hostile strings: anything (control characters, surrogates are impossible in str), very long,
# markup, SQL and formula lookalikes, full-width digits, impossible dates.
NASTY = (
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "\x00" * 50,
            "'; DROP TABLE x; --",
            "<script>alert(1)</script>",
            "=1+1",
            "２０２２－０２－３０",
            "2022-02-30",
            "1900-01-01",
            "9999-12-31",
            "0000-00-00",
            "-1",
            "9" * 40,
            "１３８００１３８０００",
            "\u202e\u200b\ufeff",
            "𠀀𠀁" * 10,
            "%00%ff",
            "../../etc/passwd",
            "null",
            "NaN",
            "Infinity",
            "1e309",
            "0x10",
            "\r\n\r\n",
            "GK2022-00001",
            "\\",
            "'",
            '"',
        ]
    )
    | st.text(max_size=300)
    | st.text(max_size=20).map(lambda s: s * 500)
)
FIELDS = [
    "applicant_type",
    "applicant_name",
    "id_document",
    "contact_person",
    "phone",
    "email",
    "address",
    "postal_code",
    "description",
    "doc_reference",
    "purpose",
    "delivery_form",
    "delivery_method",
    "needs_assistance",
    "agree",
    "idempotency_key",
]
GOOD = APPLICATION_FORM


def _rows():
    return (DisclosureRequest.objects.count(), RequestEvent.objects.count())


@pytest.fixture
def fresh(db, settings):
    settings.REQUEST_RATE_PER_HOUR = 10**6  # the rate limit has its own tests


@fuzz(60)
@given(changes=st.dictionaries(st.sampled_from(FIELDS), NASTY, max_size=6), drop=st.booleans())
@example(changes={"description": "政" * 6000}, drop=False)
@example(changes={"idempotency_key": "k" * 5000}, drop=False)
def test_the_application_form_never_fails_and_saves_all_or_nothing(fresh, changes, drop):
    data = {
        key: value for key, value in {**GOOD, **changes}.items() if not (drop and key in changes)
    }
    with transaction.atomic():
        before = _rows()
        response = Client().post(reverse("disclosure_requests_public:apply"), data)
        assert response.status_code in (200, 400)
        created = DisclosureRequest.objects.count() - before[0]
        if response.context and response.context.get("code"):
            assert created == 1
            case = DisclosureRequest.objects.latest("pk")
            assert (
                case.status == CaseStatus.REGISTERED
                and case.description == data["description"].strip()
            )
        else:
            assert _rows() == before
        transaction.set_rollback(True)


@fuzz(40)
@given(tracking_no=NASTY, code=NASTY, method=st.sampled_from(["get", "post"]))
def test_the_lookup_never_fails_and_never_lets_a_wrong_code_in(fresh, tracking_no, code, method):
    client = Client()
    url = reverse("disclosure_requests_public:lookup")
    if method == "get":
        response = client.get(url, {"tracking_no": tracking_no, "code": code})
    else:
        response = client.post(url, {"tracking_no": tracking_no, "code": code})
    assert response.status_code == 200  # no case exists: never a redirect to a status page


@pytest.fixture
def awaiting(fresh, cast):
    """An application submitted online, the press office has asked for 补正; this browser
    proved its code."""
    client = Client()
    response = client.post(
        reverse("disclosure_requests_public:apply"), {**GOOD, "idempotency_key": "fuzz-1"}
    )
    case = DisclosureRequest.objects.get()
    case.request_supplement(by=cast.press, items="请写明文件名称", on=case.received_on)
    assert response.status_code == 200 and case.status == CaseStatus.AWAITING_SUPPLEMENT
    return client, case


@fuzz(40)
@given(text=NASTY, extra=st.dictionaries(NASTY, NASTY, max_size=3))
@example(text="补" * 5001, extra={})
def test_a_supplement_never_fails_and_is_stored_whole_or_not_at_all(awaiting, text, extra):
    client, case = awaiting
    url = reverse("disclosure_requests_public:status", args=[case.tracking_no])
    with transaction.atomic():
        events = RequestEvent.objects.filter(case=case).count()
        response = client.post(url, {**extra, "text": text})
        assert response.status_code in (200, 302, 400)  # 400: a field name too long to parse
        case.refresh_from_db()
        if response.status_code == 302:
            assert case.status != CaseStatus.AWAITING_SUPPLEMENT
            assert RequestEvent.objects.filter(case=case).count() == events + 1
        else:
            assert case.status == CaseStatus.AWAITING_SUPPLEMENT
            assert RequestEvent.objects.filter(case=case).count() == events
        transaction.set_rollback(True)


@pytest.fixture
def portal(db, cast):
    for title in ("关于台风防御工作的通知", "安全生产执法检查计划"):
        doc = Document.create_draft(
            by=cast.clerk,
            title=title,
            category=Category.REGULATIONS_NORMATIVE_DOCS,
            kind=Kind.GENERAL,
            written_on=dt.date(2022, 9, 1),
            body="<p>台风</p>",
        )
        doc.submit(by=cast.clerk)
        doc.approve(by=cast.head)
        doc.approve(by=cast.reviewer)
        doc.approve(by=cast.leader, waiver="测试：解读另行发布")
    return Client()


PARAMS = st.dictionaries(
    st.sampled_from(["q", "page", "category", "unit", "year", "validity", "format", "sort"]),
    NASTY | st.integers(-(10**30), 10**30).map(str),
    max_size=5,
)


@fuzz(60)
@given(params=PARAMS)
@example(params={"q": "台风", "page": "9" * 30})
@example(params={"q": "台风", "page": "-99999999999999999999"})
@example(params={"q": "台风 " * 100, "year": "9999"})
@example(params={"q": '"', "unit": "1e9"})
def test_search_never_fails(portal, params):
    response = portal.get(reverse("publications_public:search"), params)
    assert response.status_code == 200


@fuzz(60)
@given(
    params=PARAMS, page=st.sampled_from(["catalogue", "business", "regulations", "feed", "sitemap"])
)
@example(params={"page": "9" * 30}, page="catalogue")
@example(params={"year": "1900", "unit": "-1"}, page="regulations")
def test_the_portal_filters_never_fail(portal, params, page):
    response = portal.get(reverse(f"publications_public:{page}"), params)
    assert response.status_code == 200
