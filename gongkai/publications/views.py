"""Staff pages of 主动公开: drafting, the three-step review, withdrawal, the yearly clean-up."""

import copy
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.access import role_required, staff_required
from gongkai.core.idempotent import ALREADY_SAVED, create_from_form
from gongkai.core.roles import Role
from gongkai.publications import selectors
from gongkai.publications.forms import (
    AcceptHitForm,
    ApproveForm,
    AttachmentForm,
    CampaignForm,
    CleanupDecisionForm,
    DocumentForm,
    PortalPageForm,
    ReturnForm,
    SubmitForm,
    WithdrawForm,
)
from gongkai.publications.models import (
    REGULATORY_KINDS,
    Attachment,
    CleanupCampaign,
    CleanupItem,
    Document,
    DomainError,
    PortalPage,
)

DRAFTERS = (Role.CLERK, Role.UNIT_HEAD)


def _get_document_for_user(request, pk) -> Document:
    """404 unless the document is the user's unit's (or the user's role reaches it)."""
    return get_object_or_404(selectors.visible_documents(request.user), pk=pk)


@staff_required
def home(request):
    """我的工作: drafts, waiting for my review, in review, published by my unit."""
    user = request.user
    published = Paginator(selectors.unit_published(user), 30).get_page(request.GET.get("page"))
    context = {
        "waiting": selectors.waiting_for(user),
        "drafts": selectors.unit_drafts(user),
        "in_review": selectors.in_review_of_unit(user),
        "published": published,
        "today": timezone.localdate(),
        "can_draft": user.has_role(*DRAFTERS),
    }
    return render(request, "publications/home.html", context)


@role_required(*DRAFTERS)
def document_create(request):
    form = DocumentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            document, created = create_from_form(
                Document,
                form,
                request.user,
                lambda key: Document.create_draft(
                    by=request.user, idempotency_key=key, **form.changes()
                ),
            )
        except (DomainError, ValidationError) as error:
            form.add_error(None, _message(error))
        else:
            if created:
                messages.success(request, "草稿已保存。可以继续上传附件，然后提交审核。")
            else:
                messages.info(request, ALREADY_SAVED.format("该草稿"))
            return redirect("publications:document_detail", document.pk)
    return render(request, "publications/document_form.html", {"form": form, "document": None})


@staff_required
def document_edit(request, pk):
    document = _get_document_for_user(request, pk)
    form = DocumentForm(request.POST or None, instance=copy.copy(document), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            document.edit(
                by=request.user, version=form.cleaned_data["version"] or 0, **form.changes()
            )
        except (DomainError, ValidationError) as error:
            form.add_error(None, _message(error))  # the editor's text stays in the form
        else:
            messages.success(request, "修改已保存。")
            return redirect("publications:document_detail", document.pk)
    status = 409 if request.method == "POST" else 200
    return render(
        request,
        "publications/document_form.html",
        {"form": form, "document": document},
        status=status,
    )


@staff_required
def document_detail(request, pk):
    """The review page: metadata, body, attachments, the personal-data scan, history, actions."""
    return _detail_page(request, _get_document_for_user(request, pk))


def _detail_page(request, document, status=200):
    user = request.user
    may_review = document.may_review(user)
    approve_form, return_form = ApproveForm(auto_id=False), ReturnForm(auto_id=False)
    for form in (approve_form, return_form):
        form.shows(document)  # the 第N版 a review step is taken on (ShownState)
    accepted = {d.key: d for d in document.scan_decisions.filter(stage=document.scan_stage)}
    hits = [(hit, accepted.get(hit.key)) for hit in document.scan()]
    context = {
        "document": document,
        "hits": hits,
        "may_review": may_review,
        "edited_here": may_review and document.edited_in_review(user),
        "may_edit": document.may_edit(user),
        "composed_note": document.composed_from()
        if may_review and document.status in ("review_1", "review_2")
        else "",
        "may_submit": document.status == "draft" and document.drafters_include(user),
        "may_withdraw": document.may_withdraw(user),
        "steps": document.steps.select_related("actor"),
        "attachments": document.attachments.all(),
        "interpretations": document.interpretations.all(),
        "approve_form": approve_form,
        "return_form": return_form,
        "withdraw_form": WithdrawForm(),
        "attachment_form": AttachmentForm(),
        "overdue": document.publish_overdue(timezone.localdate()),
        "needs_waiver": document.status == "review_3" and document.needs_interpretation,
        "waits_for_original": document.status == "review_3" and document.waits_for_original,
        "signing_notes": document.signing_notes(timezone.localdate()) if may_review else [],
        "unresolved": sum(1 for _, decision in hits if decision is None),
    }
    return render(request, "publications/document_detail.html", context, status=status)


@require_POST
@staff_required
def document_act(request, pk, verb):
    """提交/通过/退回/撤回: one form, one verb on the document, back to its page."""
    document = _get_document_for_user(request, pk)
    form_class = {
        "submit": SubmitForm,
        "approve": ApproveForm,
        "return": ReturnForm,
        "withdraw": WithdrawForm,
    }[verb]
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("publications:document_detail", document.pk)
    d, by = form.cleaned_data, request.user
    try:
        {
            "submit": lambda: document.submit(by=by, comment=d["comment"]),
            "approve": lambda: document.approve(
                by=by, comment=d["comment"], waiver=d["waiver"], seen=d["seen"]
            ),
            "return": lambda: document.return_(by=by, comment=d["comment"], seen=d["seen"]),
            "withdraw": lambda: document.withdraw(
                by=by, reason=d["reason"], withdrawal=d["withdrawal"]
            ),
        }[verb]()
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _done_message(verb, document))
    return redirect("publications:document_detail", document.pk)


def _done_message(verb, document):
    if verb == "approve" and document.is_published:
        return f"已签发并发布，索引号 {document.index_no}。"
    if verb == "approve" and document.status == "approved":
        return f"已签发。该解读将在《{document.interprets}》发布时同时发布。"
    return {
        "submit": "已提交一审。",
        "approve": f"审核通过，已转{document.get_status_display()}。",
        "return": "已退回起草单位修改。",
        "withdraw": "已撤回，门户网站不再显示该信息。"
        + (
            "更正版本发布后，原版本将标注“已被更正”重新显示。"
            if document.withdrawal == "correction"
            else ""
        ),
    }[verb] + (_replaced_note(document) if verb == "withdraw" else "")


def _replaced_note(document) -> str:
    """A withdrawn document that others name as their 替代文件: their portal pages now say the
    replacement is no longer public (no dead link); their units should check the validity."""
    titles = list(document.replaces.values_list("title", flat=True)[:3])
    if not titles:
        return ""
    count = document.replaces.count()
    named = "、".join(f"《{t}》" for t in titles) + ("等" if count > len(titles) else "")
    return (
        f"注意：{named}{count}件文件以本文件为替代文件，门户网站已改为注明“替代文件已不再公开”，"
        "请其发文单位核对有效性。"
    )


@require_POST
@staff_required
def accept_hit(request, pk):
    document = _get_document_for_user(request, pk)
    form = AcceptHitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("publications:document_detail", document.pk)
    try:
        document.accept_hit(
            by=request.user, key=form.cleaned_data["key"], reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        messages.error(request, str(error))
    return redirect(f"{document.get_staff_url()}#scan")


@require_POST
@staff_required
def attachment_add(request, pk):
    document = _get_document_for_user(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("publications:document_detail", document.pk)
    try:
        attachment = document.add_attachment(by=request.user, upload=form.cleaned_data["file"])
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已上传附件“{attachment.original_name}”。")
    return redirect("publications:document_detail", document.pk)


@require_POST
@staff_required
def attachment_delete(request, pk):
    attachment = get_object_or_404(Attachment, pk=pk)
    document = _get_document_for_user(request, attachment.document_id)
    try:
        document.remove_attachment(by=request.user, attachment=attachment)
    except DomainError as error:
        messages.error(request, str(error))
    return redirect("publications:document_detail", document.pk)


@staff_required
def attachment_download(request, pk):
    attachment = get_object_or_404(Attachment, pk=pk)
    _get_document_for_user(request, attachment.document_id)
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )


@staff_required
def campaign_list(request):
    form = CampaignForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = CleanupCampaign.start(by=request.user, year=form.cleaned_data["year"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已启动{campaign}，共{campaign.items.count()}件。")
            return redirect("publications:campaign_detail", campaign.pk)
    campaigns = [(c, c.completion()) for c in CleanupCampaign.objects.all()]
    can_start = request.user.has_role(Role.PRESS_OFFICE)
    return render(
        request,
        "publications/campaign_list.html",
        {"campaigns": campaigns, "form": form, "can_start": can_start},
    )


def _campaign_items_for_user(request, campaign):
    items = campaign.items.select_related("document", "unit", "decided_by", "document__replaced_by")
    return items if request.user.sees_all_units else items.filter(unit_id=request.user.unit_id)


@staff_required
def campaign_detail(request, pk):
    campaign = get_object_or_404(CleanupCampaign, pk=pk)
    items = _campaign_items_for_user(request, campaign)
    replacements = (
        Document.objects.published().filter(kind__in=REGULATORY_KINDS).only("id", "title")
    )
    context = {
        "campaign": campaign,
        "items": items,
        "completion": campaign.completion(),
        "form": CleanupDecisionForm(),
        "replacements": list(replacements),
    }
    return render(request, "publications/campaign_detail.html", context)


@require_POST
@staff_required
def cleanup_decide(request, pk):
    item = get_object_or_404(CleanupItem.objects.select_related("campaign", "document"), pk=pk)
    get_object_or_404(_campaign_items_for_user(request, item.campaign), pk=pk)
    form = CleanupDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("publications:campaign_detail", item.campaign_id)
    d = form.cleaned_data
    try:
        if d["decision"] == "confirm":
            item.confirm(by=request.user, note=d["note"])
        else:
            item.change(
                by=request.user,
                validity=d["validity"],
                replaced_by=d["replaced_by"],
                note=d["note"],
            )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"已清理：{item.document}")
    return redirect("publications:campaign_detail", item.campaign_id)


@role_required(Role.PRESS_OFFICE)
def campaign_export(request, pk):
    from gongkai.publications.exports import campaign_xlsx

    campaign = get_object_or_404(CleanupCampaign, pk=pk)
    body = io.BytesIO(campaign_xlsx(campaign))
    return FileResponse(body, as_attachment=True, filename=f"{campaign}.xlsx")


def _message(error) -> str:
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    return str(error)


def _form_errors(form) -> str:
    return "；".join(str(e) for errors in form.errors.values() for e in errors)


@role_required(Role.PRESS_OFFICE)
def portal_page_edit(request, slug):
    """The press office keeps 公开指南 and 公开制度 up to date."""
    if slug not in PortalPage.Slug.values:
        raise Http404
    page = PortalPage.get(slug)
    form = PortalPageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields if name != "version"}
        try:  # fresh: the form changed `page`
            PortalPage.get(slug).edit(
                by=request.user, version=form.cleaned_data["version"], **fields
            )
        except DomainError as error:  # a colleague saved meanwhile: the typed text stays
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已保存{page.get_slug_display()}。")
            return redirect("publications:portal_page_edit", slug)
    context = {"form": form, "title": f"修改{page.get_slug_display()}", "page": page}
    status = 400 if form.errors else 200
    return render(request, "publications/portal_page_form.html", context, status=status)
