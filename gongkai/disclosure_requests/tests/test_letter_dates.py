"""Outside probes: the dates a letter states, as kept at sending (SentLetter).

- The 补正告知书 stated a 补正 date counted into a year whose holidays are not entered without
  saying it is 暂定, while the case page did; every letter stating such a date now says so in
  the page's words. The 补正 date alone is kept as told when the year is entered (stop 35), so
  its letter says how it was counted and that it stands, not 暂定.
- A 收费通知书 sent by post was kept without any date to pay by (its 送达 date is not known
  when it is posted); it now states the date counted from the day it is sent and how a later
  签收 moves it.
"""

import datetime as dt

from django.urls import reverse

from gongkai.disclosure_requests.letters import sent_letter
from gongkai.disclosure_requests.models import FeeNotice, SentLetter
from gongkai.testing import a_case, follow_application, handling_case, on_day, registered_case

D = dt.date


def _kept(case, kind) -> str:
    letter = SentLetter.objects.get(event__case=case, kind=kind)
    return "\n".join(letter.content["paragraphs"])


def test_a_supplement_letter_counted_into_an_unentered_year_says_how_and_that_it_stands(cast):
    """From 2026-12-22, 15 WD on weekends and 元旦 only → 2027-01-13 (test_procedure_rules)."""
    with on_day(2026, 12, 21):
        case = a_case(cast, received=D(2026, 12, 21))
    with on_day(2026, 12, 22):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2026, 12, 22))
    words = _kept(case, SentLetter.Kind.SUPPLEMENT)
    assert (
        "请于2027年1月13日前补正（2027年节假日安排尚未公布，本期限按周末和元旦（1月1日）" in words
    )
    # told as binding (it is not recounted when the year is entered): no 暂定 to wait on
    assert "公布后不再变动）" in words and "暂定" not in words
    assert case.supplement_due_public_note in words


def test_a_supplement_letter_rendered_again_after_the_supplement_still_says_how(cast):
    """A letter sent before letters were kept is rendered again (发送时未保存原件): once the
    applicant has supplemented, the pages show no 补正 note any more, but the letter still
    states its period with how it was counted, as it was sent."""
    with on_day(2026, 12, 21):
        case = a_case(cast, received=D(2026, 12, 21))
    with on_day(2026, 12, 22):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2026, 12, 22))
    with on_day(2026, 12, 28):
        case.receive_supplement(by=cast.press, text="已写明文件名称", on=D(2026, 12, 28))
    SentLetter.objects.filter(event__case=case).delete()
    case.refresh_from_db()
    assert case.supplement_due_public_note == ""  # the case no longer awaits a supplement
    words = "\n".join(sent_letter(case, "supplement").paragraphs)
    assert "请于2027年1月13日前补正（2027年节假日安排尚未公布" in words
    assert "公布后不再变动）" in words


def test_a_supplement_letter_within_entered_years_states_a_firm_date(cast):
    case = a_case(cast)
    with on_day(2022, 9, 30):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2022, 9, 30))
    words = _kept(case, SentLetter.Kind.SUPPLEMENT)
    assert "前补正。答复期限" in words and "暂定" not in words


def _fee(cast, *, sent_on, delivery, case=None):
    case = case or handling_case(cast)
    with on_day(sent_on.year, sent_on.month, sent_on.day):
        case.send_fee_notice(
            by=cast.press,
            method=FeeNotice.Method.PER_VOLUME,
            pages=120,
            sent_on=sent_on,
            delivery=delivery,
        )
    return case


def test_a_posted_fee_notice_states_the_date_to_pay_by_and_how_its_receipt_moves_it(cast):
    """Posted 2022-10-10: received that day, 20 WD from 10-11 → 2022-11-07
    (test_dates_and_lateness); each working day later it arrives, one working day later."""
    case = _fee(cast, sent_on=D(2022, 10, 10), delivery=FeeNotice.Delivery.POST)
    words = _kept(case, SentLetter.Kind.FEE)
    assert (
        "本通知邮寄送达，缴纳期限自签收之日次日起计算：于2022年10月10日签收的，至2022年11月7日；"
        in words
    )
    assert "签收之日每晚一个工作日，缴纳期限相应顺延一个工作日" in words
    assert "暂定" not in words


def test_a_fee_notice_given_online_states_its_one_date(cast):
    """The step it does not change: received the day it is sent, one date, no 签收 rule."""
    case = _fee(cast, sent_on=D(2022, 10, 10), delivery=FeeNotice.Delivery.ONLINE)
    words = _kept(case, SentLetter.Kind.FEE)
    assert "20个工作日内缴纳（即至2022年11月7日）。" in words
    assert "签收" not in words and "暂定" not in words


def test_a_fee_notice_counted_into_an_unentered_year_says_it_is_provisional(cast):
    """Sent online 2026-12-21 (2026 known; 2027 on weekends and 元旦 only): 12/22–25 (4),
    12/28–31 (8), 1/4–8 (13), 1/11–15 (18), 1/18–19 → 2027-01-19, 暂定."""
    with on_day(2026, 12, 10):
        case = a_case(cast, received=D(2026, 12, 10))
        case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2026, 12, 10))
    _fee(cast, sent_on=D(2026, 12, 21), delivery=FeeNotice.Delivery.ONLINE, case=case)
    assert case.fee_notices.get().payment_due == D(2027, 1, 19)
    words = _kept(case, SentLetter.Kind.FEE)
    assert "（即至2027年1月19日；暂定：2027年节假日安排尚未公布，本日期暂按" in words
    assert "系统管理员" not in words and "录入" not in words


def test_an_extension_letter_counted_into_an_unentered_year_says_why_in_the_same_words(cast):
    """Received 2026-12-10, due 2027-01-08 (test_procedure_rules); extended by 10 WD → 暂定."""
    with on_day(2026, 12, 10):
        case = a_case(cast, received=D(2026, 12, 10))
        case.assign(by=cast.press, unit=cast.units["法规处"], on=D(2026, 12, 10))
    with on_day(2026, 12, 28):
        case.extend(
            by=cast.press_head, workdays=10, reason="需逐件核对。", notified_on=D(2026, 12, 28)
        )
    words = _kept(case, SentLetter.Kind.EXTENSION)
    assert "（暂定：2027年节假日安排尚未公布，本日期暂按周末和元旦（1月1日）" in words
    assert "系统管理员" not in words and "录入" not in words


def test_an_extension_letter_within_entered_years_is_not_marked(cast):
    case = handling_case(cast)
    with on_day(2022, 10, 20):
        case.extend(
            by=cast.press_head, workdays=10, reason="需逐件核对。", notified_on=D(2022, 10, 20)
        )
    assert "暂定" not in _kept(case, SentLetter.Kind.EXTENSION)


def test_the_applicant_reads_a_provisional_date_in_plain_words_and_staff_in_theirs(cast, client):
    """Was: the 补正告知书, 收费通知书 and 延期答复告知书 (and the 补正 period on the applicant's
    status page) said “系统管理员录入后以正式安排为准”, the staff's words: an applicant knows no
    系统管理员. They now say the year's holidays are not yet published and how the date was
    counted, promising no notice (none is sent when a date is counted again); the case page
    the staff read keeps what they are to do."""
    with on_day(2026, 12, 21):
        case, code = registered_case(cast, received=D(2026, 12, 21))
    with on_day(2026, 12, 22):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2026, 12, 22))
        letter = _kept(case, SentLetter.Kind.SUPPLEMENT)
        status = client.get(follow_application(client, case, code)).content.decode()
        client.force_login(cast.press)
        staff = client.get(reverse("disclosure_requests:detail", args=[case.pk])).content.decode()
    plain = "2027年节假日安排尚未公布，本期限按周末和元旦（1月1日）"
    for words in (letter, status):
        assert f"（{plain}" in words and "公布后不再变动" in words
        assert "系统管理员" not in words and "尚未录入" not in words
    assert "补正期限：2027年节假日安排尚未录入" in staff
    assert "已按此告知申请人，系统管理员录入后也不重新计算" in staff  # it stays as told
    assert plain not in staff


def test_a_letter_sent_before_keeps_its_words(cast):
    """A letter is kept as it was sent (SentLetter): one sent in the staff's words before the
    change is given again in those words, not in today's."""
    with on_day(2026, 12, 21):
        case = a_case(cast, received=D(2026, 12, 21))
    with on_day(2026, 12, 22):
        case.request_supplement(by=cast.press, items="请写明文件名称", on=D(2026, 12, 22))
    kept = SentLetter.objects.get(event__case=case, kind=SentLetter.Kind.SUPPLEMENT)
    then = [p.replace("尚未公布，本期限按", "尚未录入，暂按") for p in kept.content["paragraphs"]]
    kept.content = {**kept.content, "paragraphs": then}
    kept.save(update_fields=["content"])
    with on_day(2026, 12, 23):
        again = sent_letter(case, "supplement")
    assert again.paragraphs == then and any("2027年节假日安排尚未录入" in p for p in then)
