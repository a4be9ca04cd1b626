"""The audit log as a person reads it: field labels, choice labels, dates as 2022年9月30日.

Entries store machine values (JSON); this turns one entry into lines such as
"状态：二审 → 三审" without changing what is stored."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from gongkai.lib.cndate import cn_date, cn_datetime
from gongkai.lib.sheets import csv_row

# Keys that are not model fields: what the verbs record alongside a change.
KEY_LABELS = {
    "comment": "意见",
    "reason": "理由",
    "note": "说明",
    "file": "文件",
    "files": "文件数",
    "units": "责任单位",
    "added": "新增单位",
    "removed": "移除单位",
    "role_changed": "调整职责的单位",
    "removed_reports": "随单位移除的进展",
    "tasks": "任务数",
    "source": "来源文件",
    "flagged": "待核实项数",
    "progress": "进展编号",
    "stage": "环节",
    "masked": "内容（已遮蔽）",
    "sha256": "文件指纹",
    "index_no": "索引号",
    "document": "公开目录文件编号",
    "username": "用户名",
    "roles": "角色",
    "password": "密码",
    "failed_since_last": "上次登录以来登录失败次数",
    "channel": "渠道",
    "result": "结果",
    "body_chars": "正文字数",
    "what": "查阅内容",
    "category_before": "原留言类型",
    "names_checked": "已核对他人姓名",
}
# A key one action records under a name another model's field also has: read as this field
# (送达's "method" is the 送达方式, not a 收费通知's 计收方式).
ACTION_KEYS = {("request.serve", "method"): "served_method"}
VALUE_WORDS = {True: "是", False: "否", None: "—", "lead": "牵头", "support": "配合"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


@cache
def _model(label: str):
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def _field(model, key: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


@cache
def _choices_anywhere(key: str) -> dict:
    """Choice labels of any project field with this name (e.g. a Task entry's 'status' is an
    Assignment's): used when the target model has no such field."""
    found = {}
    for model in apps.get_models():
        if not model.__module__.startswith("gongkai."):
            continue
        field = _field(model, key)
        if field is not None and getattr(field, "choices", None):
            for value, label in field.flatchoices:
                found.setdefault(value, label)
    return found


def label_for(model, key: str) -> str:
    field = _field(model, key)
    if field is not None and hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    if key in KEY_LABELS:
        return KEY_LABELS[key]
    return str(_field_anywhere_label(key) or key)


@cache
def _field_anywhere_label(key: str) -> str | None:
    for model in apps.get_models():
        if model.__module__.startswith("gongkai."):
            field = _field(model, key)
            if field is not None and hasattr(field, "verbose_name"):
                return str(field.verbose_name)
    return None


def value_text(model, key: str, value) -> str:
    """One stored value as words."""
    if isinstance(value, list):
        return "、".join(value_text(model, key, item) for item in value) or "（无）"
    if isinstance(value, dict):
        return "；".join(
            f"{label_for(None, k)}：{value_text(None, k, v)}" for k, v in value.items()
        )
    if isinstance(value, bool) or value is None:
        return VALUE_WORDS[value]
    field = _field(model, key)
    if field is not None and getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and isinstance(value, int):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if isinstance(value, str):
        if _DATE.match(value):
            return cn_date(dt.date.fromisoformat(value))
        if _DATETIME.match(value):
            try:
                moment = dt.datetime.fromisoformat(value)
            except ValueError:
                return value
            return cn_datetime(timezone.localtime(moment) if timezone.is_aware(moment) else moment)
        if ":" in value and key == "units":  # "新闻处:lead"
            name, _, role = value.partition(":")
            return f"{name}（{VALUE_WORDS.get(role, role)}）"
        choices = _choices_anywhere(key)
        if value in choices:
            return str(choices[value])
    return str(value)


def describe(entry) -> list[str]:
    """The entry's change and notes as lines: "状态：二审 → 三审", "意见：同意"."""
    model = _model(entry.target_type)
    before, after = entry.before or {}, entry.after or {}
    lines = []
    for key in [*after, *(k for k in before if k not in after)]:
        label = label_for(model, key)
        if key in before and key in after:
            old, new = value_text(model, key, before[key]), value_text(model, key, after[key])
            lines.append(f"{label}：{old} → {new}")
        elif key in after and after[key] not in ("", None, [], {}):
            lines.append(f"{label}：{value_text(model, key, after[key])}")
        elif key in before:
            lines.append(f"{label}：{value_text(model, key, before[key])} → （删除）")
    for key, value in (entry.data or {}).items():
        if value in ("", None, [], {}):
            continue
        key = ACTION_KEYS.get((entry.action, key), key)
        lines.append(f"{label_for(model, key)}：{value_text(model, key, value)}")
    return lines


def target_kind(entry) -> str:
    model = _model(entry.target_type)
    return str(model._meta.verbose_name) if model is not None else entry.target_type


__all__ = ["describe", "label_for", "target_kind", "value_text"]


CSV_HEADER = [
    "时间", "操作人", "操作", "对象类型", "对象编号", "对象", "单位",
    "变更前", "变更后", "说明", "IP地址", "请求编号", "变更内容",
]  # fmt: skip  # a table: one CSV column a cell


class _Echo:
    def write(self, value):
        return value


def csv_lines(entries):
    """The audit log as CSV lines (BOM first): machine values for filters and scripts, and the
    变更内容 column as a person reads it. Cells are kept text (no formula from =, +, -, @)."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    for e in entries:
        cells = [
            timezone.localtime(e.at).isoformat(timespec="seconds"), e.actor_name, e.action_label,
            e.target_type, e.target_id, e.target_repr, e.unit_name,
            _json(e.before), _json(e.after), _json(e.data), e.ip or "", e.request_id or "",
            "；".join(describe(e)),
        ]  # fmt: skip  # a table: the row in CSV_HEADER's order
        yield writer.writerow(csv_row(cells))


def _json(value):
    return "" if value in (None, {}) else json.dumps(value, ensure_ascii=False)
