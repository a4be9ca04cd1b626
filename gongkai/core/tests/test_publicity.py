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


def test_it_masks_an_id_or_card_number_whose_check_digit_is_wrong():
    """Probe 5 finding 1: one mistyped digit still leaves 17 right ones of an ID number."""
    assert masked("身份证440106199001011234", {}) == "身份证4401**********1234"
    assert masked("身份证44010619900101123x。", {}) == "身份证4401**********123x。"
    assert masked("卡号6222 0212 3456 7890 123", {}) == "卡号6222***********0123"
    assert masked("身份证 440106 19900101 1234", {}) == "身份证 4401**********1234"
    assert personal_data_in("身份证440106199001011234", {}) == ["身份证号或银行卡号"]
    assert masked("身份证440106199003070028", {}) == "身份证440106********0028"  # a valid one


def test_it_masks_a_name_after_wo_shi_ben_ren_or_ming_zi_but_not_a_word_after_them():
    assert masked("我是张三丰，邮箱见上", {}) == "我是××，邮箱见上"
    assert masked("本人李四想问一下", {}) == "本人××想问一下"
    assert masked("名字：王小明，", {}) == "名字：××，"
    assert masked("姓名王五。", {}) == "姓名××。"
    assert masked("我是居民，本人到场办理，本人方可办理。", {}) == (
        "我是居民，本人到场办理，本人方可办理。"
    )
    assert personal_data_in("我是张三丰。", {}) == ["姓名"]


def test_it_masks_a_wechat_or_qq_account_and_a_passport_number():
    assert masked("微信号 wxid_abc123，护照E12345678，QQ号：12345678", {}) == (
        "微信号 ××，护照××，QQ号：××"
    )
    assert masked("加微信13922223333", {}) == "加微信139****3333"  # the mobile's own mask
    assert personal_data_in("护照号码：G12345678", {}) == ["护照或通行证号"]


def test_it_masks_other_peoples_names_shown_by_a_relation_or_a_post():
    """Probe 8 M4: only the writer consented, not the neighbour or the safety officer."""
    assert masked("我的邻居李大明在楼道堆放液化气", {}) == "我的邻居李某在楼道堆放液化气"
    text = "安全员王建军上个月就因为这条被罚，王建军还不改"
    assert masked(text, {}) == "安全员王某上个月就因为这条被罚，王某还不改"
    assert masked("邻居刘德胜家违规储存烟花", {}) == "邻居刘某家违规储存烟花"
    assert masked("请转告欧阳娜娜女士", {}) == "请转告欧阳某女士"
    assert masked("员工李明说没有培训", {}) == "员工李某说没有培训"
    assert personal_data_in("某科长张建国收钱不办事", {}) == ["他人姓名"]
    # the reply repeats the name without the cue: masked when the message's names are given
    assert masked("李大明已清理液化气。", {}, by_staff=True, names=("李大明",)) == (
        "李某已清理液化气。"
    )


def test_words_that_only_begin_with_a_surname_are_not_names():
    for text in (
        "负责人高度重视",
        "工作人员于当日到场",
        "执法人员严格执法",
        "房东张贴了告示",
        "请王科长回电",  # a surname and a post name no one
        "隔壁王大妈天天烧纸",
        "邻居张某某说",
        "科长周末不上班",
    ):
        assert masked(text, {}) == text, text
        assert personal_data_in(text, {}) == [], text
