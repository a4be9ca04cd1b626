import collections
import time

import pytest

from gongkai.lib.pii import Hit, id_check_char, is_valid_id_number, luhn_valid, scan_text

ID_STANDARD = "11010519491231002X"  # the example in GB 11643-1999 itself
ID_MADE_UP = "440105199003071235"  # check digit computed below; a made-up number
ID_OLD = "440105491231123"  # 15-digit pre-1999 number, made up
CARD_19 = "6222020200000000006"  # Luhn-valid test number
CARD_16 = "6228480012345671"  # Luhn-valid test number


def kinds(text):
    return [(hit.kind, hit.text) for hit in scan_text(text)]


def with_last_digit_changed(number):
    return number[:-2] + str((int(number[-2]) + 1) % 10) + number[-1]


def test_it_computes_the_id_check_digit():
    """GB 11643-1999: weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2;

    Σ mod 11 → 1 0 X 9 8 7 6 5 4 3 2."""
    assert id_check_char(ID_STANDARD[:17]) == "X"
    assert id_check_char(ID_MADE_UP[:17]) == "5"
    assert luhn_valid(CARD_19) and luhn_valid(CARD_16)


def test_it_finds_an_id_number_in_text():
    """条例第十五条: a 居民身份证号码 (GB 11643-1999) is personal data not to be published."""
    text = f"申请人：张三，身份证号码：{ID_STANDARD}，住址略。"
    [hit] = scan_text(text)
    assert hit.kind == "id_card"
    assert text[hit.start : hit.end] == hit.text == ID_STANDARD
    assert hit.masked == "110105********002X"
    assert hit.as_dict() == {
        "kind": "id_card",
        "start": hit.start,
        "end": hit.end,
        "masked": "110105********002X",
    }


def test_it_accepts_a_lower_case_x():
    """GB 11643-1999: the check character X is often typed in lower case."""
    assert kinds(ID_STANDARD.lower()) == [("id_card", ID_STANDARD.lower())]


def test_it_ignores_an_id_number_with_a_wrong_check_digit():
    """GB 11643-1999: one digit changed fails the check and is not an ID number."""
    assert kinds(f"身份证 {ID_MADE_UP[:-1]}6。") == []
    assert kinds(f"身份证 {with_last_digit_changed(ID_MADE_UP)}。") == []


def test_it_needs_a_real_birth_date_and_region():
    """GB 11643-1999: digits 7–14 are a birth date; the region code starts with 1–8."""
    for bad in ("44010519900230", "44010518991231", "94010519900307"):
        number = bad + "123"
        number += id_check_char(number)
        assert not is_valid_id_number(number)
        assert "id_card" not in [kind for kind, _ in kinds(number)]  # Luhn may make it a card


def test_it_finds_an_old_fifteen_digit_id_number():
    """GB 11643-1999 replaced the 15-digit number (YYMMDD birth date), still seen in archives."""
    assert kinds(f"旧身份证{ID_OLD}。") == [("id_card", ID_OLD)]
    assert kinds("编号440105491331123。") == []  # month 13


def test_it_prefers_id_card_to_bank_card():
    """A valid 18-digit ID number is reported once, as an ID number, even when Luhn-valid."""
    luhn_ids = []
    for n in range(1000):
        number = f"44010519900307{n:03d}"
        number += id_check_char(number)
        if number.isdigit() and luhn_valid(number):
            luhn_ids.append(number)
    assert kinds(luhn_ids[0]) == [("id_card", luhn_ids[0])]


@pytest.mark.parametrize(
    "written",
    ["13812345678", "138-1234-5678", "138 1234 5678", "+86 138 1234 5678", "8613812345678"],
)
def test_it_finds_mobile_numbers(written):
    """条例第十五条: a mobile number identifies a person."""
    [hit] = scan_text(f"联系电话：{written}。")
    assert (hit.kind, hit.text, hit.masked) == ("mobile", written, "138****5678")


@pytest.mark.parametrize("text", ["123812345678", "1381234567890", "a13812345678", "12812345678"])
def test_it_ignores_mobile_like_digits_in_longer_runs(text):
    assert kinds(text) == []


@pytest.mark.parametrize("written", [CARD_19, "6222 0202 0000 0000 006", "6228-4800-1234-5671"])
def test_it_finds_bank_cards(written):
    """条例第十五条: a bank card number, Luhn-valid, 16–19 digits, possibly in groups of four."""
    [hit] = scan_text(f"退款账户：{written}。")
    assert hit.kind == "bank_card" and hit.text == written
    assert hit.masked.startswith("6222********" if "6222" in written else "6228********")


def test_it_ignores_a_card_number_that_fails_luhn():
    assert kinds(with_last_digit_changed(CARD_19)) == []
    assert kinds("6222 0202 0000 0000 008") == []


def test_it_ignores_a_card_inside_a_longer_run():
    assert kinds(f"{CARD_16}1") == []
    assert kinds(f"1234 {'6228 4800 1234 5671'}") == []


def test_it_finds_emails():
    [hit] = scan_text("请发送至 zhang.san@example.com。")
    assert (hit.kind, hit.text, hit.masked) == (
        "email",
        "zhang.san@example.com",
        "z***@example.com",
    )


def test_it_reports_a_mobile_mailbox_once_as_an_email():
    assert kinds("邮箱13812345678@qq.com") == [("email", "13812345678@qq.com")]


@pytest.mark.parametrize(
    "written, masked",
    [("粤A·12345", "粤A·***45"), ("粤A12345", "粤A***45"), ("粤AD12345", "粤A****45")],
)
def test_it_finds_vehicle_plates(written, masked):
    """Plates: province abbreviation, a letter, five characters (six for new-energy cars)."""
    [hit] = scan_text(f"车辆{written}于当日")
    assert (hit.kind, hit.text, hit.masked) == ("plate", written, masked)


def test_it_ignores_plate_like_words():
    assert kinds("京ABCDE") == []  # no digit
    assert kinds("粤A1234567") == []  # too long


@pytest.mark.parametrize(
    "text",
    [
        "穗府办函〔2022〕48号",
        "国办公开办函〔2021〕30号",
        "2022年9月30日",
        "2022-09-30",
        "20220930",
        "电话83186312",
        "020-83186312",
        "索引号：000014349/2018-00222",
        "11341702486344515H/202110-00013",
        "113417020032563511/202504-00057",
        "01424668-5/2021-00063",
        "金额1,234,567.89元，合计12345678901.00元",
        "邮编510000，人口18681234万",
    ],
)
def test_it_never_flags_office_numbers_dates_and_amounts(text):
    """文号, dates, landlines, 索引号 and amounts are not personal data."""
    assert kinds(text) == []


def test_it_returns_hits_in_order_without_overlap():
    text = f"{CARD_16}，{ID_STANDARD}，138-1234-5678，a@b.cn，粤A·12345，{ID_OLD}"
    hits = scan_text(text)
    assert [hit.kind for hit in hits] == [
        "bank_card",
        "id_card",
        "mobile",
        "email",
        "plate",
        "id_card",
    ]
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False))
    assert all(isinstance(hit, Hit) and text[hit.start : hit.end] == hit.text for hit in hits)


def test_a_megabyte_does_not_hang_the_scan():
    chunk = (
        "广州市应急管理局关于2022年政务公开工作的通知（穗应急函〔2022〕48号），电话020-83186312。"
        f"申请人身份证{ID_STANDARD}，手机13812345678，账户{CARD_19}，abc@example.com，粤A·12345。"
    )
    text = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    started = time.perf_counter()
    hits = scan_text(text)
    # A hang guard, not a speed figure (bench/bench_pii.py measures that): a pattern that
    # backtracks on long runs takes minutes here, a linear scan well under a second.
    assert time.perf_counter() - started < 20
    found = collections.Counter(hit.kind for hit in hits)
    kinds_per_chunk = ("id_card", "mobile", "bank_card", "email", "plate")
    assert found == {kind: text.count(chunk) for kind in kinds_per_chunk}


def test_it_finds_a_plain_number_followed_by_a_date():
    assert kinds("手机13812345678 2022年9月30日") == [("mobile", "13812345678")]
    assert kinds(f"账户{CARD_16} 2022年") == [("bank_card", CARD_16)]
    assert kinds("138 1234 5678 9") == []  # groups running on are something else


# ---- probe finding 1: full-width digits, spaced numbers, home addresses ---------------------

ID_PROBE = "440106199003070028"  # the probe's made-up number (check digit 8)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def test_it_finds_an_id_number_and_a_mobile_written_in_full_width_digits():
    """条例第十五条: ４４０１… is the same ID number as 4401…; a full-width IME types it so."""
    text = f"当事人：欧阳娜娜，公民身份号码{ID_PROBE.translate(FULL_WIDTH)}，"
    text += "联系电话１３８００１３８０００。"
    hits = scan_text(text)
    assert [(hit.kind, hit.text, hit.masked) for hit in hits] == [
        ("id_card", "４４０１０６１９９００３０７００２８", "440106********0028"),
        ("mobile", "１３８００１３８０００", "138****8000"),
    ]
    assert all(text[hit.start : hit.end] == hit.text for hit in hits)


@pytest.mark.parametrize(
    "written",
    [
        "440106 19900307 0028",
        "440106-19900307-0028",
        "4401 0619 9003 0700 28",
        "４４０１０６　１９９００３０７　００２８",
    ],
)
def test_it_finds_an_id_number_written_in_groups(written):
    """The ID written as region, birth date and the rest, or in fours, is still an ID number."""
    [hit] = scan_text(f"身份证 {written}。")
    assert (hit.kind, hit.text, hit.masked) == ("id_card", written, "440106********0028")


@pytest.mark.parametrize(
    "text, address, masked",
    [
        (
            "住在天河区体育西路123号3栋1201房，楼下",
            "天河区体育西路123号3栋1201房",
            "天河区体育西路***号*栋****房",
        ),
        ("广东省广州市天河区体育西路123号3栋1201房", "路123号3栋1201房", "路***号*栋****房"),
        ("就在5座2单元502，", "5座2单元502", "*座*单元***"),
        ("我家12号楼3单元401室漏水", "12号楼3单元401室", "**号楼*单元***室"),
        (
            "住址：广州市白云区石井街道红星村12号。",
            "广州市白云区石井街道红星村12号",
            "广州市白云区石井街道红星村**号",
        ),
        ("家住体育西路１２３号", "体育西路１２３号", "体育西路***号"),
    ],
)
def test_it_finds_a_home_address(text, address, masked):
    """participation.md §9.3 and §13.6: an address is personal data to be stripped; a flat
    (building and room) or an address after 住址/家住/住在 is someone's home."""
    [hit] = scan_text(text)
    assert (hit.kind, hit.text, hit.masked) == ("address", address, masked)


@pytest.mark.parametrize(
    "text",
    [
        "地址：广州市越秀区府前路1号",
        "会议地点：市政府2号楼302会议室",
        "报送地址：广州市天河区天河北路233号中信广场A座1501室，邮编510000",
        "在本市居住或工作的市民",
        "共有住宅3栋",
    ],
)
def test_it_does_not_take_an_office_address_for_a_home(text):
    """An office's address is published on purpose (条例第二十条（二）, 办公地址)."""
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "number", "masked"),
    [
        ("座机020-83331234", "020-83331234", "020-****1234"),
        ("家里电话 (020)8333 1234", "(020)8333 1234", "020-****1234"),
        ("0757-8888 1234", "0757-8888 1234", "0757-****1234"),
        ("白天打０２０－８３３３１２３４找我", "０２０－８３３３１２３４", "020-****1234"),
        ("我的电话+86 20 8333 1234", "+86 20 8333 1234", "020-****1234"),
        ("电话：8333 1234", "8333 1234", "****1234"),
        ("本人联系电话为0757-2888123", "0757-2888123", "0757-***8123"),
    ],
)
def test_it_finds_every_landline_in_what_a_citizen_wrote(text, number, masked):
    """个人信息保护法 第二十五条 (participation.md §9.3): the writer's phone is stripped from a
    published message or comment; a landline a citizen gives is their own, most likely."""
    [hit] = scan_text(text, every_landline=True)
    assert (hit.kind, hit.text, hit.masked) == ("landline", number, masked)


@pytest.mark.parametrize(
    "text",
    [
        "咨询电话：020-12345678",
        "办公电话020-83186312，传真020-83186313",
        "联系电话：0757-8888 1234",
        "办公座机020-83331234",
        "值班电话（020）8318 6312",
    ],
)
def test_a_staff_document_keeps_an_offices_published_number(text):
    """条例第十五条 is about a third party's privacy: an agency's 咨询/办公/联系电话 is published
    on purpose."""
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("当事人王某，家里电话 (020)8333 1234", "(020)8333 1234"),
        ("申请人住宅电话：0757-8888 1234", "0757-8888 1234"),
        ("申请人李某，座机020-83331234", "020-83331234"),
        ("本人电话83331234", "83331234"),
        ("宅电：8333 1234", "8333 1234"),
    ],
)
def test_a_staff_document_flags_a_landline_given_as_a_persons(text, number):
    assert kinds(text) == [("landline", number)]
