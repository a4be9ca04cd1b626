"""Header words that say what a plan's column holds, kept as data in one table.

Each role lists the words that give it, searched in order (the first role whose word
occurs in a short header cell wins, so 牵头单位 is 牵头 before it is 单位). Words the
users taught the importer in the preview (plans.HeaderSynonym) are tried first.

Roles: task (a group heading over several items, 工作任务 in the seed), number (序号),
requirement (the item itself), measures (how it is done), deadline, units (one cell
naming lead and supporting units), lead, support, note (anything else: 备注, 完成情况).
"""

TASK, NUMBER, REQUIREMENT, MEASURES = "task", "number", "requirement", "measures"
DEADLINE, UNITS, LEAD, SUPPORT, NOTE = "deadline", "units", "lead", "support", "note"

# People, not units (负责人, 联系人; 责任领导 张某某 is no unit to assign): a header ending in one
# of these is a note column, whatever comes before — tried before HEADER_SYNONYMS, since
# 责任单位负责人 holds the units word 责任单位 and 牵头领导 the lead word 牵头. The whole words
# (责任领导) also cut headers run together.
PEOPLE_HEADERS = ("责任领导", "分管领导", "牵头领导", "领导", "负责人", "责任人", "联系人")

HEADER_SYNONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (NUMBER, ("序号", "编号")),
    # Bare 牵头 / 配合 are the second row of a two-row header (责任单位 over 牵头 | 配合).
    (
        LEAD,
        (
            "牵头单位",
            "牵头部门",
            "牵头处室",
            "牵头科室",
            "主办单位",
            "主责单位",
            # 第一责任单位 | 主要责任单位: the unit answering first for the task leads.
            "第一责任单位",
            "牵头",
            "主办",
        ),
    ),
    (
        SUPPORT,
        (
            "配合单位",
            "配合部门",
            "配合处室",
            "配合科室",
            "协办单位",
            "协同单位",
            "协同部门",
            "协同处室",
            "协同科室",
            "参与单位",
            "配合",
            "协办",
            "协同",
        ),
    ),
    (
        UNITS,
        (
            "主要责任单位",
            "责任单位及分工",
            "责任单位",
            "责任部门",
            "责任处室",
            "责任科室",
            "承办单位",
            "落实单位",
            "落实部门",
            "落实处室",
            "落实科室",
            "承办部门",
            "承办处室",
            "承办科室",
            "实施单位",
            "实施部门",
            "执行单位",
            "执行部门",
            "负责单位",
            "负责处室",
            "负责科室",
            "负责部门",
            "责任股室",
            "负责股室",
            "责任主体",
        ),
    ),
    (
        DEADLINE,
        (
            "完成时限",
            "时限",
            "完成时间",
            "时间节点",
            "进度安排",
            "时间要求",
            "完成期限",
            "时间安排",
            "节点安排",
        ),
    ),
    (
        MEASURES,
        (
            "落实措施",
            "具体工作措施",
            "具体措施",
            "工作措施",
            "细化分工",
            "具体要求",
            "具体内容",
            "主要内容",
            "有关要求",
            "相关要求",
            # 工作任务 | 目标和要求: what the task aims at and asks, not a group (目标 alone).
            "目标和要求",
            "目标要求",
            "措施",
            "举措",
            "工作安排",
            # 年度阶段性工作目标: a ledger's stage targets for the task (第一季度…第四季度).
            "阶段性工作目标",
            "阶段目标",
        ),
    ),
    # 重点工作任务 stays a group header as before; a bare 重点工作 names the item itself.
    (TASK, ("重点工作任务",)),
    (
        REQUIREMENT,
        (
            "上级要求",
            "工作要求",
            "工作内容",
            "任务内容",
            "具体任务",
            "主要任务",
            "重点任务",
            "重点工作",
            "工作要点",
        ),
    ),
    # 任务来源 cites the documents a task comes from.
    (NOTE, ("任务来源",)),
    # 公开载体 lists where it is published (websites), not who does it.
    (NOTE, ("备注", "说明", "完成情况", "进展情况", "落实情况", "公开载体", "公开渠道", "载体")),
    # A progress report's columns (1-10月推进情况, 当前进度, 是否达序): how far the work has
    # got, never its units or its deadline.
    (NOTE, ("推进情况", "进展", "进度", "是否", "完成状况")),
    # A lone 工作任务 column holds the items; beside a 上级要求 column it groups them.
    # 一级指标 | 二级指标 over 一、… | 1.…: a ledger's headings over its numbered tasks.
    (TASK, ("主要工作任务", "工作任务", "任务", "项目", "类别", "事项", "目标", "指标")),
)

# What the preview calls each role when it asks the user to map a column.
ROLE_LABELS: dict[str, str] = {
    REQUIREMENT: "工作任务（每行一项）",
    TASK: "任务分组（小标题）",
    NUMBER: "序号",
    MEASURES: "落实措施",
    DEADLINE: "完成时限",
    UNITS: "责任单位",
    LEAD: "牵头单位",
    SUPPORT: "配合单位",
    NOTE: "备注（存入任务的备注）",
}

# Of two units columns (市里落实单位 | 局内负责处室), the one naming the body's own divisions
# is where its work is assigned; the other says who does it elsewhere.
OWN_UNITS = ("局内", "本局", "本单位", "内设", "处室", "科室", "股室")

# What may follow a task number's dot (1. / 1、): no digit — 1.5亿 is an amount, 2.2025年十五件…
# an annex's title — unless a deadline opens the task's words (1.2009年底前,…; 1.2017年10月底前…).
AFTER_NUMBER = r"(?:(?!\d)|(?=\d{4}\s*年\s*(?:底|末|前|内|[上下]半年|\d{1,2}\s*月)))"
