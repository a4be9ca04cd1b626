from django import forms

from gongkai.reports.models import AnnualReport
from gongkai.reports.tables import MANUAL_KEYS


class ProseForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["overview", "problems", "other_matters"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}


WHOLE = {"invalid": "请输入整数，如 1520，不要带小数点、字母或单位。", "min_value": "不能为负数。"}


class FiguresForm(forms.Form):
    """Table 二 figures the system does not hold: entered by hand, with who entered them."""

    licensing = forms.IntegerField(
        label=MANUAL_KEYS["licensing"], min_value=0, required=False, error_messages=WHOLE
    )
    penalty = forms.IntegerField(
        label=MANUAL_KEYS["penalty"], min_value=0, required=False, error_messages=WHOLE
    )
    coercion = forms.IntegerField(
        label=MANUAL_KEYS["coercion"], min_value=0, required=False, error_messages=WHOLE
    )
    admin_fees = forms.DecimalField(
        label=MANUAL_KEYS["admin_fees"],
        min_value=0,
        max_digits=12,
        decimal_places=4,
        required=False,
        error_messages={
            "invalid": "请输入数字（万元），如 1.25，不要带字母或单位。",
            "min_value": "不能为负数。",
            "max_decimal_places": "最多保留4位小数。",
            "max_digits": "数字过大，请核对。",
        },
    )
    rules_not_applicable = forms.BooleanField(
        label=MANUAL_KEYS["rules_not_applicable"], required=False
    )

    def stored_values(self) -> dict[str, str]:
        """The figures as stored: "" for a blank number, "1" for a ticked box."""
        return {
            key: ("1" if value else "")
            if key == "rules_not_applicable"
            else ("" if value is None else str(value))
            for key, value in self.cleaned_data.items()
        }
