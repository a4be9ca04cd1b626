"""The public copy's masking (core.publicity): the writer's details however they are written,
a name given in the text, the scan's hits — and nothing else changed (probe finding 1)."""

from gongkai.core.publicity import masked, personal_data_in

ADDRESS = {"通信地址": "广东省广州市天河区体育西路123号3栋1201房"}


def test_it_masks_the_writers_address_repeated_in_part():
    """participation.md §9.3: the address is stripped, also when the text gives only its end."""
    assert masked("住在天河区体育西路123号3栋1201房，楼下有仓库", ADDRESS) == "住在××，楼下有仓库"
    assert masked("请到体育西路123号附近看看", ADDRESS) == "请到××附近看看"
    assert masked("体育西路的仓库", ADDRESS) == "体育西路的仓库"  # a street alone names no one
    assert personal_data_in("对体育西路123号附近仓库进行检查", ADDRESS) == ["通信地址"]


def test_it_masks_the_writers_phone_in_full_width_or_grouped_differently():
    phone = {"联系电话": "020-83331234"}
    assert masked("电话０２０－８３３３１２３４。", phone) == "电话××。"
    assert masked("电话020 8333 1234。", phone) == "电话××。"
    assert personal_data_in("电话02083331234", phone) == ["联系电话"]
    assert masked("打8333-1234找我", phone) == "打××找我"  # without the area code
    assert masked("手机139 2222 3333", {"联系电话": "+86 13922223333"}) == "手机××"


def test_it_masks_a_name_the_writer_gives_in_the_text():
    assert masked("我叫欧阳娜娜，想问一下", {}) == "我叫××，想问一下"
    assert masked("姓名：张三；诉求：噪音", {}) == "姓名：××；诉求：噪音"
    assert masked("我是一名教师", {}) == "我是一名教师"
    assert personal_data_in("我叫李雷", {}) == ["姓名"]


def test_it_leaves_every_other_character_as_it_was_written():
    """Full-width punctuation and letters are not turned half-width by the NFKC matching."""
    text = "（一）ＡＢＣ公司：电话１３８００１３８０００，ＱＱ群！第３条。"
    assert masked(text, {}) == "（一）ＡＢＣ公司：电话138****8000，ＱＱ群！第３条。"


def test_a_name_given_in_full_is_masked_whole_when_the_name_field_holds_part_of_it():
    assert masked("我叫欧阳娜娜，电话见上", {"姓名": "欧阳"}) == "我叫××，电话见上"
