from django import forms

from gongkai.core.forms import SeenForm
from gongkai.core.models import Unit
from gongkai.forms_common import MultipleFileField
from gongkai.plans import services
from gongkai.plans.evidence_kinds import EVIDENCE_KINDS
from gongkai.plans.importers.base import ParsedItem
from gongkai.plans.importers.headers import ROLE_LABELS
from gongkai.plans.models import ProgressStatus
from gongkai.plans.preview_edits import ACTIONS, unit_names
from gongkai.plans.services import NO_SUCH_DATE, TASK_NUMBER_MAX, missing_date_problem


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label="工作方案文件",
        help_text="支持 Word（.docx）、Excel（.xlsx）、网页或文本（.txt/.html），不超过5MB",
    )
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)


class ColumnMappingForm(forms.Form):
    """One select per column of the plan's table: what the column holds."""

    def __init__(self, *args, columns: list[dict] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = columns = columns or []
        choices = list(ROLE_LABELS.items())
        for j, column in enumerate(columns):
            sample = f"（如：{column['sample']}）" if column.get("sample") else ""
            self.fields[f"col_{j}"] = forms.ChoiceField(
                label=f"第{j + 1}列“{column['header']}”{sample}",
                choices=choices,
                initial=column["role"],
            )

    def clean(self):
        data = super().clean()
        roles = self.roles()
        if "requirement" not in roles:
            raise forms.ValidationError("请至少把一列对应为“工作任务（每行一项）”。")
        for role in ("number", "deadline", "units", "lead", "support", "requirement"):
            if roles.count(role) > 1:
                raise forms.ValidationError(f"“{ROLE_LABELS[role]}”只能对应一列。")
        return data

    def roles(self) -> list[str]:
        return [self.cleaned_data.get(f"col_{j}", "note") for j in range(len(self.columns))]

    def header_words(self) -> dict[str, str]:
        """Headers worth remembering: real header texts the user mapped (not 第N列)."""
        return {
            column["header"]: role
            for column, role in zip(self.columns, self.roles(), strict=True)
            if column.get("named") and (column.get("unclear") or role != column["role"])
        }


class PlanTitleForm(forms.Form):
    """The plan's title in the import preview: read from the file's title row (a sheet's first
    row, the paragraph above a Word table), editable before anything is saved."""

    title = forms.CharField(
        label="方案标题",
        max_length=200,
        help_text="已按文件中的标题行填写，可修改",
        error_messages={"required": "请填写方案标题。", "max_length": "方案标题不能超过200字。"},
    )

    @classmethod
    def proposing(cls, title: str, year: int) -> "PlanTitleForm":
        """The preview's form: the file's title, or (none found) the year's plan, said so."""
        form = cls(initial={"title": title.strip()[:200] or services.default_title(year)})
        if not title.strip():
            form.fields["title"].help_text = "文件中未找到标题行，已按年度填写，请按方案原标题修改"
        return form


class DuplicatePlanForm(forms.Form):
    """The year already has a plan like this one (probe 8 P1): the clerk replaces it (while no
    unit has reported on it) or imports a separate plan, saying why; 取消导入 is a link."""

    decision = forms.ChoiceField(
        label="如何处理",
        widget=forms.RadioSelect,
        error_messages={
            "required": "请选择替换原方案，或作为另一份方案导入；不需要导入请点“取消导入”。"
        },
    )
    reason = forms.CharField(
        label="作为另一份方案导入的理由",
        required=False,
        max_length=200,
        help_text="如：本年度的补充方案、专项工作方案。理由记入操作日志",
        error_messages={"max_length": "理由不能超过200字。"},
    )

    def __init__(self, *args, similar: list | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.similar = similar = similar or []
        self.reported = [share for s in similar for share in s.reported]
        replace = "替换原方案（删除原方案的任务和分工，按本次导入的内容重建）"
        if self.reported:
            replace = f"替换原方案——不可用：已有单位报送进展（{'、'.join(self.reported)}）"
        self.fields["decision"].choices = [
            (services.REPLACE, replace),
            (services.SEPARATE, "作为另一份方案导入（两份方案的任务都会分给各单位）"),
        ]

    def clean(self):
        data = super().clean()
        if data.get("decision") == services.REPLACE and self.reported:
            self.add_error(
                "decision",
                f"原方案已有单位报送进展（{'、'.join(self.reported)}），不能替换。"
                "如确属另一份方案，请说明理由后作为另一份方案导入；否则请取消导入。",
            )
        if data.get("decision") == services.SEPARATE and not data.get("reason", "").strip():
            self.add_error("reason", "请说明为什么作为另一份方案导入。")
        return data


class UnitMappingForm(forms.Form):
    """One select per unit name the organisation does not know: mapped once, remembered."""

    def __init__(self, *args, names: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = names = names or []
        for i, name in enumerate(names):
            self.fields[f"unit_{i}"] = forms.ModelChoiceField(
                label=f"原文“{name}”对应",
                queryset=Unit.objects.active(),
                required=False,
                empty_label="暂不指定（导入后由新闻处指定）",
            )

    def aliases(self) -> dict[str, Unit]:
        return {
            name: unit
            for i, name in enumerate(self.names)
            if (unit := self.cleaned_data.get(f"unit_{i}")) is not None
        }


def _too_long(label: str, limit: int) -> dict:
    return {"max_length": f"{label}不能超过{limit}字（现有%(show_value)d字），请精简。"}


class ItemForm(forms.Form):
    """One parsed task in the import preview, correctable before anything is saved."""

    # Bounds as the model stores them (probe 8 P2, P3): a field error, never a cut or a 500.
    number = forms.IntegerField(
        label="序号",
        min_value=1,
        max_value=TASK_NUMBER_MAX,
        error_messages={
            "max_value": f"序号不能大于{TASK_NUMBER_MAX}。",
            "min_value": "序号应为正整数。",
        },
    )
    # The part of the plan a task sits under; correctable like every other field (a reader
    # that took a heading for a task, or missed one, leaves the wrong part here).
    section = forms.CharField(
        label="工作任务", required=False, max_length=200, error_messages=_too_long("工作任务", 200)
    )
    subsection = forms.CharField(
        label="分项", required=False, max_length=200, error_messages=_too_long("分项", 200)
    )
    requirement = forms.CharField(
        label="上级要求",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写这一项的任务内容；不需要这一项请在下方选“不导入此项”。"},
    )
    measures = forms.CharField(
        label="落实措施", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline_text = forms.CharField(
        label="完成时限", required=False, max_length=200, error_messages=_too_long("完成时限", 200)
    )
    due_date = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ongoing = forms.BooleanField(label="常态化", required=False)
    lead_units = forms.CharField(label="牵头单位", required=False, help_text="用顿号分隔")
    support_units = forms.CharField(label="配合单位", required=False)
    units_text = forms.CharField(required=False, widget=forms.HiddenInput)
    # 备注: the plan's remarks column (and what a units cell adds), saved as the task's note.
    note = forms.CharField(label="备注", required=False, widget=forms.Textarea(attrs={"rows": 1}))
    flags = forms.CharField(required=False, widget=forms.HiddenInput)
    # The number as the reader gave it, when it numbered the tasks itself
    # (preview_edits.READ_NUMBER): a merge renumbers the tasks after it in that run.
    read_number = forms.CharField(required=False, widget=forms.HiddenInput)
    # 修改此项: a boundary the reader got wrong (preview_edits), applied by 应用修改并重新核对.
    action = forms.ChoiceField(label="修改此项", choices=ACTIONS, required=False)

    def __init__(self, *args, year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_due_date(self):
        """A due date far from the plan's year is a typo (2202 for 2022), not a plan."""
        due = self.cleaned_data["due_date"]
        if due and self.year and not self.year <= due.year <= self.year + 1:
            raise forms.ValidationError(
                f"截止日期{due.year}年{due.month}月{due.day}日不在方案年度（{self.year}年）内，请核对"
            )
        return due

    def clean(self):
        """A 完成时限 whose date does not exist (2024年2月30日) is corrected here, before
        anything is saved: a task with no due date is never overdue nor reminded of."""
        cleaned = super().clean()
        flags = [f for f in cleaned.get("flags", "").splitlines() if f.strip()]
        if cleaned.get("due_date") or cleaned.get("ongoing"):
            cleaned["flags"] = "\n".join(f for f in flags if not f.startswith(NO_SUCH_DATE))
        elif problem := missing_date_problem(flags):
            self.add_error("due_date", problem)
        return cleaned

    @classmethod
    def initial_from(cls, item: ParsedItem, numbered: bool = False) -> dict:
        """The item's fields; ``numbered``: the reader gave its number (numbered_by_reader)."""
        data = item.to_json()
        data["read_number"] = str(item.number) if numbered else ""
        data["lead_units"] = "、".join(item.lead_units)
        data["support_units"] = "、".join(item.support_units)
        data["flags"] = "\n".join(item.flags)
        data["due_date"] = item.due_date
        return data

    def to_item(self) -> ParsedItem:
        d = self.cleaned_data
        return ParsedItem(
            number=d["number"],
            section=d["section"],
            subsection=d["subsection"],
            requirement=d["requirement"],
            measures=d["measures"],
            deadline_text=d["deadline_text"],
            due_date=d["due_date"],
            ongoing=d["ongoing"],
            lead_units=unit_names(d["lead_units"]),
            support_units=unit_names(d["support_units"]),
            units_text=d["units_text"],
            note=d["note"],
            flags=[f for f in d["flags"].splitlines() if f.strip()],
        )


class BaseItemFormSet(forms.BaseFormSet):
    def clean(self):
        """Two tasks of one plan cannot share a number: said at each number, not after."""
        seen: dict[int, list[forms.Form]] = {}
        for form in self.forms:
            if (number := getattr(form, "cleaned_data", {}).get("number")) is not None:
                seen.setdefault(number, []).append(form)
        for number, forms_ in seen.items():
            for form in forms_ if len(forms_) > 1 else []:
                form.add_error(
                    "number",
                    f"序号{number}与本页另一项重复（同一方案的序号不能重复），请修改其中一项。",
                )

    def pending_actions(self) -> bool:
        """Some item has a verb chosen that was not applied yet."""
        return any(form["action"].value() for form in self.forms)

    @classmethod
    def from_rows(cls, rows: list[dict], **kwargs) -> "BaseItemFormSet":
        """The preview again, bound to ``rows`` (preview_edits): checked as it is shown."""
        data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": "0"}
        for i, row in enumerate(rows):
            for name, value in row.items():
                if name == "ongoing":
                    data |= {f"form-{i}-ongoing": "on"} if value else {}
                else:
                    data[f"form-{i}-{name}"] = "" if value is None else str(value)
        return cls(data, **kwargs)

    def rows(self) -> list[dict]:
        """Each item's values as posted (nothing lost, valid or not), for preview_edits."""
        return [{name: form[name].value() for name in form.fields} for form in self.forms]


ItemFormSet = forms.formset_factory(
    ItemForm, formset=BaseItemFormSet, extra=0, max_num=5000, absolute_max=5000
)


class ProgressForm(SeenForm):
    """报送进展, with the latest report the page showed (`seen`, core.forms.SeenForm)."""

    SEEN_REQUIRED = "页面缺少进展版本：本页已显示最新进展，请核对后重新报送。"

    text = forms.CharField(
        label="进展情况", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    status = forms.ChoiceField(label="状态", choices=ProgressStatus.choices)
    links = forms.CharField(
        label="相关链接",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="网页报道等，每行一个网址",
    )
    files = MultipleFileField(label="佐证材料", required=False)

    def full_clean(self):
        """A browser never keeps chosen files across a page with errors: say so at the field
        (unless the files themselves are what is wrong), so nobody reports without them."""
        super().full_clean()
        chosen = self.files.getlist(self.add_prefix("files")) if self.files else []
        if self._errors and chosen and "files" not in self._errors:
            self.add_error(
                "files",
                f"您选择的{len(chosen)}个佐证材料尚未上传，请改正错误后重新选择文件。",
            )

    def clean_links(self):
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        for link in links:
            if not link.startswith(("http://", "https://")):
                raise forms.ValidationError(f"网址应以 http:// 或 https:// 开头：{link}")
        return "\n".join(links)


class AssignUnitsForm(forms.Form):
    lead = forms.ModelMultipleChoiceField(
        label="牵头单位",
        queryset=Unit.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    support = forms.ModelMultipleChoiceField(
        label="配合单位",
        queryset=Unit.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    confirm_remove = forms.BooleanField(
        label="确认移除已报送进展的单位", required=False, widget=forms.HiddenInput
    )

    def clean(self):
        data = super().clean()
        if not data.get("lead") and not data.get("support"):
            raise forms.ValidationError("请至少选择一个责任单位。")
        return data

    def ask_confirmation(self, message: str) -> None:
        """Show the confirmation box (hidden until a reported unit is being removed)."""
        self.fields["confirm_remove"].widget = forms.CheckboxInput()
        self.add_error(None, message)


class EvidenceKindsForm(forms.Form):
    """Which published work the ledger shows as this task's evidence (read from its text)."""

    kinds = forms.MultipleChoiceField(
        label="佐证类别",
        choices=[(kind, kind) for kind in EVIDENCE_KINDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="台账在本任务下列出当年相应的公开文件；都不勾选则不列出",
    )


class LedgerFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label="单位", queryset=Unit.objects.active(), required=False, empty_label="全部单位"
    )
    status = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("", "全部状态"), ("overdue", "已逾期"), *ProgressStatus.choices],
    )
    due_month = forms.IntegerField(label="到期月份", required=False, min_value=1, max_value=12)
