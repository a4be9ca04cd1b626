"""Demo publications: a year of 主动公开 by the 法规处 and the 新闻处, every document put through
the real review chain (一审, 二审, 三审) on its own dates; normative documents with their
interpretations, 涉企政策, a repealed version, documents still in review, and the 2022 clean-up."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.lib.pii import id_check_char
from gongkai.publications.models import Category as C
from gongkai.publications.models import CleanupCampaign, Document, Kind, Validity

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEMO_ID = "44010619850312002" + id_check_char("44010619850312002")

# (key, unit, title, 文号, kind, category, written_on, published_on, 涉企, body paragraphs, extra)
DOCUMENTS = [
    (
        "yuetan2019",
        "法规处",
        "广州市应急管理局安全生产约谈办法（试行）",
        "穗应急规字〔2019〕1号",
        Kind.NORMATIVE,
        C.REGULATIONS_NORMATIVE_DOCS,
        "2019-05-20",
        "2019-06-03",
        True,
        [
            "第一条 为督促生产经营单位落实安全生产主体责任，规范安全生产约谈工作，制定本办法。",
            "第二条 本办法自印发之日起施行，有效期三年。",
        ],
        {"waiver": "试行文件，解读随新闻发布会同步发布"},
    ),
    (
        "yuetan",
        "法规处",
        "广州市应急管理局安全生产约谈办法",
        "穗应急规字〔2022〕2号",
        Kind.NORMATIVE,
        C.REGULATIONS_NORMATIVE_DOCS,
        "2022-04-12",
        "2022-04-28",
        True,
        [
            "第一条 为督促生产经营单位落实安全生产主体责任，加强安全生产约谈工作，"
            "根据《中华人民共和国安全生产法》制定本办法。",
            "第二条 市应急管理局对发生生产安全事故、存在重大事故隐患或者安全生产工作不力的"
            "生产经营单位主要负责人进行约谈。",
            "第三条 约谈应当制作约谈记录，明确整改措施和整改时限。",
            "第四条 本办法自2022年5月1日起施行，"
            "《广州市应急管理局安全生产约谈办法（试行）》同时废止。",
        ],
        {},
    ),
    (
        "yuetan_jd",
        "法规处",
        "《广州市应急管理局安全生产约谈办法》政策解读",
        "",
        Kind.INTERPRETATION,
        C.REGULATIONS_NORMATIVE_DOCS,
        "2022-04-12",
        "2022-04-28",
        True,
        [
            "一、制定背景：新修订的安全生产法对压实企业主体责任提出更高要求。",
            "二、主要内容：明确约谈对象、约谈情形、约谈程序和整改跟踪。",
            "三、与试行办法相比：增加了重大事故隐患约谈情形，约谈记录向社会公开。",
        ],
        {"interprets": "yuetan"},
    ),
    (
        "caiding",
        "法规处",
        "广州市应急管理局关于规范安全生产行政处罚自由裁量权的规定",
        "穗应急规字〔2022〕3号",
        Kind.NORMATIVE,
        C.REGULATIONS_NORMATIVE_DOCS,
        "2022-06-15",
        "2022-07-01",
        True,
        [
            "第一条 为规范安全生产行政处罚自由裁量权的行使，保障生产经营单位合法权益，制定本规定。",
            "第二条 行政处罚应当遵循过罚相当、公平公正的原则，同类违法行为处罚幅度基本一致。",
            "第三条 首次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
        ],
        {},
    ),
    (
        "caiding_jd",
        "法规处",
        "图解：安全生产行政处罚自由裁量权规定",
        "",
        Kind.INTERPRETATION,
        C.REGULATIONS_NORMATIVE_DOCS,
        "2022-06-15",
        "2022-07-01",
        True,
        ["一图读懂“首违不罚”清单和裁量基准的适用情形。"],
        {"interprets": "caiding"},
    ),
    (
        "xuke",
        "法规处",
        "广州市危险化学品经营许可实施细则",
        "穗应急规字〔2022〕4号",
        Kind.NORMATIVE,
        C.LICENSING_SERVICES,
        "2022-08-08",
        "2022-08-30",
        True,
        [
            "第一条 本细则适用于本市行政区域内危险化学品经营许可的申请、受理、审查和发证。",
            "第二条 申请人可通过广东政务服务网在线申请，审批时限为10个工作日。",
        ],
        {"waiver": "解读材料由市政府新闻办统一发布"},
    ),
    (
        "guiding",
        "法规处",
        "广州市生产经营单位安全生产主体责任规定",
        "广州市人民政府令第186号",
        Kind.RULE,
        C.REGULATIONS_NORMATIVE_DOCS,
        "2022-02-10",
        "2022-03-01",
        True,
        [
            "第一条 为落实生产经营单位安全生产主体责任，预防和减少生产安全事故，制定本规定。",
            "第二条 生产经营单位的主要负责人是本单位安全生产第一责任人。",
        ],
        {"waiver": "市政府规章，解读材料由市政府随规章同步发布"},
    ),
    (
        "jigou",
        "新闻处",
        "广州市应急管理局机构职能",
        "",
        Kind.GENERAL,
        C.ORG_INFO,
        "2022-01-10",
        "2022-01-14",
        False,
        [
            "办公地址：广州市越秀区府前路1号。办公时间：工作日上午9:00-12:00，下午14:00-18:00。",
            "联系电话：020-83186312。政府信息公开工作机构：新闻宣传处。",
        ],
        {},
    ),
    (
        "yusuan",
        "新闻处",
        "广州市应急管理局2022年部门预算",
        "",
        Kind.GENERAL,
        C.BUDGET_FINAL_ACCOUNTS,
        "2022-02-18",
        "2022-03-04",
        False,
        [
            "2022年部门预算收入总计3.2亿元，主要用于应急救援队伍建设、应急物资储备和安全生产监管执法。"
        ],
        {"attach": True},
    ),
    (
        "taifeng",
        "新闻处",
        "关于做好2022年第7号台风“木兰”防御工作的通知",
        "穗应急明电〔2022〕15号",
        Kind.NOTICE,
        C.EMERGENCIES,
        "2022-08-09",
        "2022-08-09",
        False,
        [
            "各区应急管理局：今年第7号台风“木兰”预计于8月10日在粤西沿海登陆，请立即启动防风Ⅳ级应急响应。",
            "加强危险化学品企业、建筑工地和人员密集场所的巡查，及时转移危险区域人员。",
        ],
        {},
    ),
    (
        "tongji",
        "新闻处",
        "2022年1-9月广州市生产安全事故统计情况",
        "",
        Kind.GENERAL,
        C.STATISTICS,
        "2022-10-12",
        "2022-10-20",
        False,
        [
            "1-9月全市共发生生产安全事故起数和死亡人数同比分别下降12.5%和9.8%，未发生较大以上生产安全事故。"
        ],
        {},
    ),
    (
        "jiancha",
        "新闻处",
        "2022年第三季度危险化学品企业安全生产监督检查情况",
        "",
        Kind.GENERAL,
        C.SUPERVISION_INSPECTIONS,
        "2022-10-08",
        "2022-10-18",
        True,
        ["第三季度共检查危险化学品企业126家次，发现并督促整改隐患412项，立案查处违法行为9宗。"],
        {},
    ),
    (
        "luyong",
        "新闻处",
        "广州市应急管理局2022年考试录用公务员拟录用人员名单公示",
        "",
        Kind.NOTICE,
        C.CIVIL_SERVANT_RECRUITMENT,
        "2022-07-20",
        "2022-07-22",
        False,
        [
            "根据公务员录用有关规定，现将拟录用人员名单予以公示，公示期为5个工作日。",
            "监督电话：020-83186300。",
        ],
        {},
    ),
    (
        "yanhua",
        "新闻处",
        "烟花爆竹经营（零售）许可办事指南",
        "",
        Kind.GENERAL,
        C.LICENSING_SERVICES,
        "2022-11-15",
        "2022-11-25",
        True,
        [
            "办理依据：《烟花爆竹安全管理条例》。办理时限：承诺20个工作日。",
            "咨询电话：020-12345，受理地点：各区政务服务中心。",
        ],
        {},
    ),
]


def load(people, stdout):
    if Document.objects.exists():
        stdout.write("主动公开：演示数据已存在，跳过")
        return
    by_unit = {
        "法规处": (people["fagui"], people["fagui_head"]),
        "新闻处": (people["xinwen"], people["xinwen_head"]),
    }
    reviewer, leader, press = people["baomi"], people["lingdao"], people["xinwen"]
    made: dict[str, Document] = {}
    for (
        key,
        unit,
        title,
        doc_no,
        kind,
        category,
        written,
        _published,
        business,
        paragraphs,
        extra,
    ) in DOCUMENTS:
        clerk, head = by_unit[unit]
        document = Document.create_draft(
            by=clerk,
            title=title,
            doc_no=doc_no,
            kind=kind,
            category=category,
            written_on=dt.date.fromisoformat(written),
            business_related=business,
            body="".join(f"<p>{p}</p>" for p in paragraphs),
            summary=paragraphs[0][:120],
            interprets=made.get(extra.get("interprets")),
            topic="安全生产",
        )
        if extra.get("attach"):
            document.add_attachment(by=clerk, upload=_docx(f"{title}.docx", paragraphs))
        made[key] = document
    # Drafted first, then reviewed: an interpretation is signed and published just before its
    # document, the same day (三同步: only a published interpretation counts).
    in_order = sorted(DOCUMENTS, key=lambda d: (d[7], d[4] != Kind.INTERPRETATION))
    for key, unit, _, _, _, _, _, published, _, _, extra in in_order:
        clerk, head = by_unit[unit]
        on = dt.date.fromisoformat(published)
        _review(made[key], clerk, head, reviewer, leader, on, waiver=extra.get("waiver", ""))
    # 穗应急规字〔2022〕2号 第四条: 自2022年5月1日起施行，试行办法同时废止.
    made["yuetan2019"].set_validity(
        by=by_unit["法规处"][0],
        validity=Validity.REPEALED,
        replaced_by=made["yuetan"],
        note="被穗应急规字〔2022〕2号废止",
        on=dt.date(2022, 5, 1),
    )
    _in_review(by_unit, reviewer)
    campaign = CleanupCampaign.start(by=press, year=2022)
    for item in campaign.items.select_related("document").order_by("id")[:3]:
        item.confirm(by=by_unit["法规处"][0], note="经清理，继续有效")
    stdout.write(
        f"主动公开：发布{Document.public.count()}件，审核中2件，2022年清理{campaign.items.count()}件"
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 30), tzinfo=SHANGHAI)


def _review(document, clerk, head, reviewer, leader, on, *, waiver=""):
    document.submit(by=clerk, at=_at(on - dt.timedelta(days=3), 9))
    document.approve(by=head, comment="同意，请保密审查", at=_at(on - dt.timedelta(days=2), 10))
    document.approve(
        by=reviewer,
        comment="经审查，不涉及国家秘密和个人隐私",
        at=_at(on - dt.timedelta(days=1), 15),
    )
    document.approve(by=leader, comment="同意发布", waiver=waiver, at=_at(on, 11))


def _in_review(by_unit, reviewer):
    clerk, head = by_unit["法规处"]
    penalty = Document.create_draft(
        by=clerk,
        title="广州某化工有限公司安全生产行政处罚决定书",
        doc_no="穗应急罚〔2022〕37号",
        category=C.PENALTY_COERCION,
        written_on=dt.date(2022, 12, 5),
        business_related=True,
        body=f"<p>当事人：广州某化工有限公司，法定代表人陈某，身份证号码{DEMO_ID}。</p>"
        "<p>经查，当事人未按规定对重大危险源进行定期检测评估，违反《安全生产法》第四十条。</p>"
        "<p>决定给予罚款人民币五万元的行政处罚。</p>",
    )
    penalty.submit(by=clerk)
    [hit] = penalty.scan()
    penalty.accept_hit(by=head, key=hit.key, reason="一审意见：由二审确认是否删除")
    penalty.approve(by=head, comment="同意，请重点审查个人信息")
    draft = Document.create_draft(
        by=clerk,
        title="广州市应急管理局关于进一步加强有限空间作业安全管理的通知（征求意见稿）",
        category=C.REGULATIONS_NORMATIVE_DOCS,
        kind=Kind.NORMATIVE,
        written_on=dt.date(2022, 12, 12),
        body="<p>各区应急管理局、各有关单位：为防范有限空间作业事故，现就有关事项通知如下。</p>",
    )
    draft.submit(by=clerk)


def _docx(name, paragraphs):
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())
