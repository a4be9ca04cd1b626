from django import forms

from gongkai.reports.models import AnnualReport
from gongkai.reports.tables import MANUAL_KEYS


class ProseForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["overview", "problems", "other_matters"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}


class FiguresForm(forms.Form):
    """Table 二 figures the system does not hold: entered by hand, with who entered them."""

    licensing = forms.IntegerField(label=MANUAL_KEYS["licensing"], min_value=0, required=False)
    penalty = forms.IntegerField(label=MANUAL_KEYS["penalty"], min_value=0, required=False)
    coercion = forms.IntegerField(label=MANUAL_KEYS["coercion"], min_value=0, required=False)
    admin_fees = forms.DecimalField(
        label=MANUAL_KEYS["admin_fees"],
        min_value=0,
        max_digits=12,
        decimal_places=4,
        required=False,
    )
    rules_not_applicable = forms.BooleanField(
        label=MANUAL_KEYS["rules_not_applicable"], required=False
    )
