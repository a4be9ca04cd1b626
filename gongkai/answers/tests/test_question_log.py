"""The question log keeps what was asked, not who asked (the page says 不记录提问人信息):
probe finding 17(g) — a name given in the question was stored as typed."""

from django.urls import reverse

from gongkai.answers.models import AskedQuestion, Outcome


def test_the_log_keeps_neither_the_name_nor_the_numbers_nor_the_address_a_citizen_typed(client, db):
    question = (
        "我叫欧阳娜娜，身份证440106199003070028，手机１３８００１３８０００，"
        "住在体育西路123号3栋1201房，我家楼下仓库违规装卸怎么投诉？"
    )
    response = client.post(reverse("answers_public:ask"), {"q": question})
    assert response.status_code == 200
    [logged] = AskedQuestion.objects.all()
    assert logged.text == (
        "我叫××，身份证440106********0028，手机138****8000，"
        "住在体育西路***号*栋****房，我家楼下仓库违规装卸怎么投诉？"
    )


def test_a_long_question_with_an_email_still_fits_the_log(client, db):
    tail = "，回复到a@b.cn"
    question = ("请问危险化学品经营许可证怎么办理" * 20)[: 200 - len(tail)] + tail
    assert len(question) == 200  # the form's limit; the masked e-mail a***@b.cn is longer
    assert client.post(reverse("answers_public:ask"), {"q": question}).status_code == 200
    logged = AskedQuestion.objects.get()
    assert "a@b.cn" not in logged.text and len(logged.text) <= 200


def test_the_log_keeps_no_name_after_wo_shi_nor_a_card_or_id_number_with_a_wrong_check_digit(
    client, db
):
    """Probe 5 finding 1: 我是张三丰 and a mistyped card number were logged as typed."""
    question = "我是张三丰，邮箱zsf@qq.com，银行卡6222021234567890123，社保怎么转移"
    assert client.post(reverse("answers_public:ask"), {"q": question}).status_code == 200
    [logged] = AskedQuestion.objects.all()
    assert logged.text == "我是××，邮箱z***@qq.com，银行卡6222***********0123，社保怎么转移"


def test_the_questions_logged_before_the_wider_mask_are_masked_again(db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("gongkai.answers.migrations.0004_remask_logged_questions")
    old = AskedQuestion.objects.create(
        text="我是张三丰，邮箱z***@qq.com，银行卡6222021234567890123，社保怎么转移",
        outcome=Outcome.REFUSED,
    )
    clean = AskedQuestion.objects.create(text="社保怎么转移", outcome=Outcome.REFUSED)
    migration.remask(apps, None)
    old.refresh_from_db()
    clean.refresh_from_db()
    assert old.text == "我是××，邮箱z***@qq.com，银行卡6222***********0123，社保怎么转移"
    assert clean.text == "社保怎么转移"
