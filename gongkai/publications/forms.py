from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gongkai.core.forms import OnceForm, SeenForm
from gongkai.core.models import Unit
from gongkai.lib.uploads import UploadError, sniff_upload
from gongkai.publications.models import (
    REGULATORY_KINDS,
    Category,
    Document,
    DocumentStatus,
    Kind,
    PortalPage,
    Validity,
    Withdrawal,
)
from gongkai.publications.text import body_text, clean_html

BODY_REQUIRED = "请填写正文；只发布附件的，可填写“详见附件”。"
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentForm(OnceForm, forms.ModelForm):
    """起草/修改. `version` is the one the form was opened on (optimistic locking); a 起草 form
    sent twice is one draft (OnceForm)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Document
        fields = [
            "title",
            "doc_no",
            "kind",
            "category",
            "topic",
            "attribute",
            "attribute_reason",
            "written_on",
            "effective_on",
            "expires_on",
            "business_related",
            "interprets",
            "summary",
            "body",
        ]
        widgets = {
            "written_on": DATE,
            "effective_on": DATE,
            "expires_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "attribute_reason": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 16, "data-richtext": ""}),
        }
        help_texts = {
            "body": (
                "可从 Word 直接粘贴：保留标题、段落、列表、表格和链接，"
                "字体颜色等其他格式和脚本会被清除"
            ),
            "interprets": "仅政策解读填写：选择被解读的规章或规范性文件",
            "business_related": "勾选后同时在“涉企政策”专栏公开",
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.publications.selectors import visible_documents

        self.fields["interprets"].queryset = (
            visible_documents(user)
            .filter(kind__in=REGULATORY_KINDS)
            .exclude(status=DocumentStatus.WITHDRAWN)
            if user is not None
            else Document.objects.none()
        )
        self.fields["interprets"].required = False
        self.fields["body"].required = not self._has_attachments()  # the model allows blank
        self.fields["body"].error_messages["required"] = BODY_REQUIRED
        if not self.is_bound and self.instance.pk:
            self.initial["version"] = self.instance.version
        self.fields["written_on"].initial = timezone.localdate

    def clean_body(self):
        """正文 is required: an editor left blank still sends markup (<p><br></p>), so what
        counts is the text in it. A draft that already has its attachments may go without
        (Document.submit: 正文和附件不能都为空); attachments come after the first save."""
        body = self.cleaned_data.get("body", "")
        if body_text(clean_html(body)).strip() or self._has_attachments():
            return body
        raise forms.ValidationError(BODY_REQUIRED, code="required")

    def _has_attachments(self) -> bool:
        return bool(self.instance.pk) and self.instance.attachments.exists()

    def clean(self):
        data = super().clean()
        if data.get("interprets") and data.get("kind") != Kind.INTERPRETATION:
            self.add_error("interprets", "只有政策解读可以选择被解读的文件")
        return data

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="附件",
        help_text=f"PDF、Word、Excel 或图片，不超过{settings.UPLOAD_MAX_BYTES // 2**20}MB",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            sniff_upload(upload, max_bytes=settings.UPLOAD_MAX_BYTES)
        except UploadError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class _SeenVersion(SeenForm):
    """The 第N版 the page showed: a step from a page of another version is refused."""

    SEEN_REQUIRED = "页面缺少文件版本，请刷新后重新审核。"


class SubmitForm(forms.Form):
    comment = forms.CharField(label="说明", required=False)


class ApproveForm(_SeenVersion):
    comment = forms.CharField(
        label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    waiver = forms.CharField(
        label="不同步解读的理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="行政规范性文件未关联政策解读时必填，将记入审计日志",
    )


class ReturnForm(_SeenVersion):
    comment = forms.CharField(
        label="退回意见",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "退回时必须填写退回意见"},
    )


class AcceptHitForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="可以公开的理由", max_length=500, error_messages={"required": "请说明可以公开的理由"}
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "撤回时必须填写理由"},
    )
    # 撤回方式: hidden unless who withdraws says a correction will follow (privacy by default)
    withdrawal = forms.ChoiceField(
        label="撤回方式",
        choices=Withdrawal.choices,
        initial=Withdrawal.HIDDEN,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择撤回方式", "invalid_choice": "请选择撤回方式"},
    )


class CampaignForm(forms.Form):
    year = forms.IntegerField(label="清理年度", min_value=2000, max_value=2100)


class CleanupDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="清理结果",
        choices=[("confirm", "确认有效性不变"), ("change", "变更有效性")],
        widget=forms.RadioSelect,
    )
    validity = forms.ChoiceField(
        label="变更为", choices=[("", "—"), *Validity.choices], required=False
    )
    replaced_by = forms.ModelChoiceField(
        label="替代文件",
        required=False,
        queryset=Document.objects.published().filter(kind__in=REGULATORY_KINDS),
    )
    note = forms.CharField(label="说明", required=False, max_length=1000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "change":
            if not data.get("validity"):
                self.add_error("validity", "请选择变更后的有效性")
            if not data.get("note", "").strip():
                self.add_error("note", "变更有效性时请说明依据")
        return data


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html in Python."""
    return mark_safe(  # noqa: S308 — each part is format_html's
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
            for name, value in attrs.items()
            if value is not False
        )
    )


class PlainSelect(forms.Select):
    """A <select> written in Python, byte for byte what Django's templates write: they include a
    template per option, and the portal's filters have 40 options on every search page, which
    made the form cost more than the search itself."""

    def render(self, name, value, attrs=None, renderer=None):
        # Not through get_context(): it builds a dict of a dozen keys per option.
        selected = set(self.format_value(value))
        html = [
            format_html('<select name="{}"{}>', name, _attrs(self.build_attrs(self.attrs, attrs)))
        ]
        for option_value, label in self.choices:  # the portal's selects have no groups
            option_value = "" if option_value is None else str(option_value)
            chosen = " selected" if option_value in selected else ""
            selected.discard(option_value)  # a single select marks its first match only
            # escape() as format_html would, without its per-call overhead (40 options a page)
            html.append(
                f'\n  <option value="{escape(option_value)}"{chosen}>{escape(label)}</option>\n'
            )
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 — every value above went through format_html


class _PlainInput:
    """An <input> written in Python, byte for byte what django/forms/widgets/input.html writes."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            format_html(' value="{}"', str(value)) if value is not None else "",
            _attrs(widget["attrs"]),
        )


class PlainInput(_PlainInput, forms.TextInput):
    pass


class PlainNumberInput(_PlainInput, forms.NumberInput):
    pass


class PortalFilterForm(forms.Form):
    category = forms.ChoiceField(
        label="分类",
        required=False,
        choices=[("", "全部分类"), *Category.choices],
        widget=PlainSelect,
    )
    unit = forms.ModelChoiceField(
        label="发布机构",
        required=False,
        queryset=Unit.objects.active(),
        empty_label="全部机构",
        widget=PlainSelect,
    )
    year = forms.IntegerField(
        label="年份", required=False, min_value=2000, max_value=2100, widget=PlainNumberInput
    )
    validity = forms.ChoiceField(
        label="有效性",
        required=False,
        choices=[("", "全部"), *Validity.choices],
        widget=PlainSelect,
    )


# (token, language, field, value, has errors) -> a select's HTML, for SearchForm._widget_html.
_select_html: dict = {}


class SearchForm(PortalFilterForm):
    q = forms.CharField(label="关键词", required=False, max_length=100, widget=PlainInput)

    field_order = ["q", "category", "unit", "year", "validity"]

    def __init__(self, *args, generation: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.generation = generation  # the portal's token: the selects' HTML is kept under it

    def fields_html(self):
        """The search page's fields, as `{% for field in form %}<div class="field">{{
        field.label_tag }}{{ field }}</div>{% endfor %}` writes them (the keyword's div also has
        class q), without a template per label."""
        return format_html_join(
            "",
            '<div class="field{}"><label for="{}">{}</label>{}</div>',
            (
                (" q" if field.name == "q" else "", field.id_for_label, self._label(field), html)
                for field, html in ((field, self._widget_html(field)) for field in self)
            ),
        )

    def _widget_html(self, field):
        """A select's HTML is the same for every search with the same choice: kept per process
        under the portal's token (any unit's change replaces it), it spares each search page
        reading the units and writing 40 options (a lazy translation each)."""
        if self.generation is None or not isinstance(field.field.widget, PlainSelect):
            return field
        value = field.value()
        value = "" if value is None else str(value)
        key = (self.generation, get_language(), field.name, value, bool(field.errors))
        html = _select_html.get(key)
        if html is None:
            if len(_select_html) >= 512:
                _select_html.clear()
            html = _select_html[key] = str(field)
        return html

    def _label(self, field) -> str:
        """BoundField.label_tag's text: the label and the form's suffix (：)."""
        suffix = field.field.label_suffix
        suffix = self.label_suffix if suffix is None else suffix
        label = str(field.label)
        return label + suffix if suffix and label and label[-1] not in _(":?.!") else label


FILTERS = ("category", "unit", "year", "validity")
_KEYWORD = "gongkaikeyword"  # stands for the keyword's value in KeywordSearch's kept HTML


def search_form(data, *, generation: str | None):
    """The search page's form for `data` (request.GET, or None): a SearchForm, or for a plain
    keyword search (the search every page of results and every crawler asks) a KeywordSearch,
    which answers the same and writes the same HTML without building a form: a SearchForm
    deep-copies its five fields and their widgets (the unit field's queryset with them) and
    writes its fields one by one, which cost a quarter of a search page's CPU. Anything a
    SearchForm could refuse — a filter's value, an over-long keyword, a NUL — goes to a
    SearchForm, with its messages."""
    if not data or generation is None or any(data.get(name) for name in FILTERS):
        return SearchForm(data, generation=generation)
    q = data.get("q")
    limit = SearchForm.base_fields["q"].max_length
    if q is not None and ("\x00" in q or len(q.strip()) > limit):
        return SearchForm(data, generation=generation)
    return KeywordSearch(q, generation)


class KeywordSearch:
    """A valid SearchForm bound to a keyword alone (every filter empty or absent): its
    cleaned_data, and fields_html() from the HTML a SearchForm wrote once per portal token,
    with this keyword spliced in as the keyword field writes it (escaped; no value if empty)."""

    def __init__(self, q: str | None, generation: str):
        self.q, self.generation = q, generation
        self.cleaned_data = {"q": (q or "").strip(), "category": "", "unit": None}
        self.cleaned_data |= {"year": None, "validity": ""}

    def is_valid(self) -> bool:
        return True

    def fields_html(self):
        key = (self.generation, get_language())
        parts = _keyword_html.get(key)
        if parts is None:
            if len(_keyword_html) >= 64:
                _keyword_html.clear()
            before, after = str(self._form(_KEYWORD).fields_html()).split(_KEYWORD)
            parts = _keyword_html[key] = (before, after, str(self._form("").fields_html()))
        before, after, without_value = parts
        if not self.q:  # None or "": the input has no value attribute (Input.format_value)
            return mark_safe(without_value)  # noqa: S308 — a SearchForm's own HTML
        return mark_safe(before + escape(self.q) + after)  # noqa: S308 — escaped as it does

    def _form(self, q: str) -> SearchForm:
        return SearchForm({"q": q}, generation=self.generation)


# (token, language) -> a keyword search's fields, with _KEYWORD for the value and without one.
_keyword_html: dict = {}


class PortalPageForm(forms.ModelForm):
    """公开指南 / 公开制度, as the press office edits them: plain text, one paragraph a line.
    It carries the version it was opened on (PortalPage.edit refuses a stale save)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PortalPage
        fields = PortalPage.FIELDS[PortalPage.Slug.GUIDE]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 6}),
            "categories": forms.Textarea(attrs={"rows": 5}),
            "how_to_apply": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = [*PortalPage.FIELDS.get(self.instance.slug, self.Meta.fields), "version"]
        self.initial["version"] = self.instance.shown_version
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
