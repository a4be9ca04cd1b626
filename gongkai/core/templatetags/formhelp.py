"""What core/_form_fields.html needs beyond Django's bound fields: the error summary of a refused
form (错误摘要), one line per problem, each linked to its field, and whether a citizen's form
says 带*号的为必填项 at its top."""

import re
from dataclasses import dataclass

from django import template

register = template.Library()


@dataclass(frozen=True)
class Problem:
    text: str
    href: str = ""  # "#id_x" of the field to go to; none for a problem of the whole form


@register.filter
def error_summary(form) -> list[Problem]:
    """The refused form's problems in page order: the form's own first, then one per field
    (its first message, with the label unless the message names it). A field people never
    see (hidden, or a `trap_fields` one) is said without a link; a radio group links to its
    first option (its legend has no for=). None for a formset's item: its errors stay at its
    fields, and the page lists its items itself (plans' import preview: 共N项，M项待核实)."""
    if form is None or _formset_item(form) or not form.is_bound or not form.errors:
        return []
    problems = [Problem(str(e)) for e in form.non_field_errors()]
    traps = getattr(form, "trap_fields", ())
    for field in form:
        if not field.errors:
            continue
        if field.is_hidden or field.name in traps:
            problems.extend(Problem(str(e)) for e in field.errors)
            continue
        target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
        message = str(field.errors[0])
        # The citizen's messages name their field ("请填写申请人姓名或名称。"); Django's own
        # ("这个字段是必填项。") do not, and get the label before them.
        text = message if _named(field.label, message) else f"{field.label}：{message}"
        problems.append(Problem(text, f"#{target}" if target else ""))
    return problems


def _formset_item(form) -> bool:
    """A form a formset made: its prefix is the formset's and its number ("form-3"), or
    "__prefix__" for the empty one. A page's own prefixed form ("schedule") is not one."""
    return bool(re.fullmatch(r".+-(\d+|__prefix__)", form.prefix or ""))


def _named(label, message: str) -> bool:
    label = re.sub(r"[（(].*?[)）]", "", str(label or "")).strip()
    return bool(label) and any(part and part in message for part in re.split(r"[/／、]", label))


@register.filter
def has_required_field(form) -> bool:
    """Whether the form has a field people see and must fill (its label carries the *): a
    citizen's form then says once, at its top, what the * means (带*号的为必填项)."""
    if form is None:
        return False
    traps = getattr(form, "trap_fields", ())
    return any(f.field.required and not f.is_hidden and f.name not in traps for f in form)
