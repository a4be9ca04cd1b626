"""The names of audited actions (审计日志的操作名称): one dict the apps add theirs to.

Below both `core.models` (an audit entry shows its label) and `core.audit` (which refuses an
unknown action), so neither imports the other to reach it."""

from __future__ import annotations

# Known actions and their Chinese labels; apps add theirs with `register_actions`.
ACTION_LABELS: dict[str, str] = {
    "auth.login": "登录",
    "auth.logout": "退出登录",
    "auth.login_failed": "登录失败",
    "unit.create": "新增单位",
    "unit.update": "修改单位",
    "unit.alias_repoint": "改正导入时记住的单位写法",
    "unit.alias_delete": "删除导入时记住的单位写法",
    "user.create": "新增用户",
    "user.update": "修改用户",
    "user.set_password": "重置密码",
    "user.change_password": "修改本人密码",
    "holiday.schedule": "登记年度节假日安排",
    "holiday.schedule_confirm": "确认年度节假日安排录入完整",
    "holiday.override_save": "保存节假日调整",
    "holiday.override_delete": "删除节假日调整",
}


def register_actions(**labels: str) -> None:
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
