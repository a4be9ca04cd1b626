"""What the public page, the staff search and the command share about showing an answer."""

from __future__ import annotations

from gongkai.answers.models import PassageKind
from gongkai.answers.retrieval import BEYOND, HOTLINE, WITHDRAWN, Answer


def answer_text(answer: Answer) -> str:
    """The best answer in words: an entry's plain answer, or the article itself."""
    best = answer.best
    if best is None:
        return ""
    passage = best.passage
    if passage.kind == PassageKind.ENTRY:
        return passage.entry.answer
    return f"{passage.title}{passage.label}：{passage.text}"


def refusal_text(answer: Answer) -> str:
    if WITHDRAWN in answer.reasons:
        return (
            "这个问题原来的答复已撤下（所依据的规定已废止、失效或撤回，或答复正在修订），"
            f"暂时无法答复。请拨打{HOTLINE}，或通过领导信箱向本局咨询。"
        )
    where = "、".join(answer.elsewhere)
    if where and BEYOND in answer.reasons:
        return (
            "这个问题所问的信息不由行政机关依《政府信息公开条例》公开（它由其他机构保管，"
            f"或另有公开的规定），本局无法答复。请向{where}咨询，或拨打{HOTLINE}。"
        )
    if where:
        return (
            f"这个问题属于{where}的职责，本局的政策问答库和已公开文件中没有可以答复的内容。"
            f"请向{where}咨询，或拨打{HOTLINE}。"
        )
    return (
        "抱歉，本局的政策问答库和已公开文件中没有找到能可靠回答这个问题的内容。"
        f"请拨打{HOTLINE}，或通过领导信箱、依申请公开向本局提出。"
    )
