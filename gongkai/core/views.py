"""Staff pages of the core app: sign-in, the directory, audit log, calendar (the staff home,
which gathers every app, is in gongkai.site)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from gongkai.core import audit, audit_display, services, throttle
from gongkai.core.access import login_required, role_required, staff_required, unsaved_text
from gongkai.core.calendar import add_workdays, provisional_note, workday_calendar
from gongkai.core.errors import DomainError
from gongkai.core.forms import (
    AuditFilterForm,
    DeadlineForm,
    HolidayOverrideForm,
    HolidayScheduleForm,
    LearnedAliasForm,
    LoginForm,
    OwnPasswordForm,
    UnitForm,
    UserForm,
)
from gongkai.core.models import (
    AuditEntry,
    HolidayOverride,
    HolidaySchedule,
    Notification,
    Unit,
    UnitAlias,
    User,
)
from gongkai.core.notifications import resend_mail
from gongkai.core.roles import Role

ADMINS = (Role.SYSADMIN,)
AUDIT_READERS = (Role.SYSADMIN, Role.PRESS_OFFICE)


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "core/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # A form sent after the session ended (access.login_required): say so, show its text
        # (for 15 minutes at most).
        typed = unsaved_text(self.request.session)
        unsaved = "\n\n".join(typed or [])
        return super().get_context_data(expired=typed is not None, unsaved=unsaved, **kwargs)

    def form_valid(self, form):
        if unsaved_text(self.request.session, pop=True) is not None:
            messages.warning(self.request, "登录超时前提交的内容没有保存，请在本页重新填写后提交。")
        response = super().form_valid(form)
        # this browser is now known for this account: its tries are its own (throttle)
        response.set_cookie(
            throttle.DEVICE_COOKIE,
            throttle.device_cookie(
                self.request.COOKIES.get(throttle.DEVICE_COOKIE), form.get_user().username
            ),
            max_age=throttle.DEVICE_DAYS * 86400,
            path=reverse("core:login"),  # sent with the sign-in form only
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response


def admin_login(request, extra_context=None):
    """The Django admin signs in through our login page (lockout, audit), then comes back."""
    target = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("admin:index")
    return redirect(f"{reverse('core:login')}?{urlencode({REDIRECT_FIELD_NAME: target})}")


@login_required
def password_change(request):
    """修改密码, for whoever is signed in; the one staff page (with 退出) open to a user who must
    change the password the administrator set (core.middleware.PasswordChangeRequired)."""
    forced = request.user.must_change_password
    form = OwnPasswordForm(request.user, request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        user = services.password_change(user=request.user, form=form)
        update_session_auth_hash(request, user)  # this session stays; the others end
        messages.success(request, "密码已修改。您在其他电脑或浏览器上的登录已全部退出。")
        return redirect("core:dashboard")
    return render(request, "core/password_change.html", {"form": form, "forced": forced})


# The press office imports plans, so it sees the unit names the import learned and corrects
# them; editing the units themselves stays with the administrator.
ALIAS_KEEPERS = (Role.SYSADMIN, Role.PRESS_OFFICE)


@role_required(*ALIAS_KEEPERS)
def unit_list(request):
    units = Unit.objects.prefetch_related(
        Prefetch("learned_aliases", UnitAlias.objects.select_related("created_by"))
    )
    context = {
        "units": units,
        "active_units": Unit.objects.active(),
        "can_edit_units": request.user.has_role(*ADMINS),
        "has_learned": UnitAlias.objects.exists(),
    }
    return render(request, "core/unit_list.html", context)


@require_POST
@role_required(*ALIAS_KEEPERS)
def learned_alias_change(request, pk):
    """改正 or 删除 one unit name the plan import learned (probe 8 P4)."""
    form = LearnedAliasForm(request.POST)
    deleting = "delete" in request.POST
    try:
        if deleting:
            services.learned_alias_change(by=request.user, alias_id=pk, unit=None)
            messages.success(request, "已删除该写法；下次导入遇到它时会再次询问。")
        elif form.is_valid():
            alias = services.learned_alias_change(
                by=request.user, alias_id=pk, unit=form.cleaned_data["unit"]
            )
            messages.success(request, f"已改正：“{alias.name}”对应{alias.unit.name}。")
        else:
            messages.error(request, "；".join(form.errors["unit"]))
    except DomainError as error:
        messages.error(request, str(error))
    return redirect(f"{reverse('core:unit_list')}#learned-aliases")


@role_required(*ADMINS)
def unit_edit(request, pk=None):
    unit = get_object_or_404(Unit, pk=pk) if pk else None
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        unit = services.unit_save(by=request.user, form=form)
        messages.success(request, f"已保存单位：{unit.name}")
        return redirect("core:unit_list")
    return render(
        request, "core/form_page.html", {"form": form, "title": "编辑单位" if unit else "新增单位"}
    )


@role_required(*ADMINS)
def user_list(request):
    users = (
        User.objects.select_related("unit")
        .prefetch_related("groups")
        .order_by("unit__order", "username")
    )
    return render(request, "core/user_list.html", {"users": users})


# 须修改密码, as the user page says it (the list shows the same as a tag)
MUST_CHANGE_NOTICE = "须修改密码：该用户的密码由管理员设置，下次登录时须先设置自己的密码。"


@role_required(*ADMINS)
def user_edit(request, pk=None):
    user = get_object_or_404(User, pk=pk) if pk else None
    form = UserForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        user = services.user_save(by=request.user, form=form)
        messages.success(request, f"已保存用户：{user}")
        return redirect("core:user_list")
    context = {"form": form, "title": "编辑用户" if user else "新增用户"}
    if user is not None and user.must_change_password:
        context["warning"] = MUST_CHANGE_NOTICE
    return render(request, "core/form_page.html", context)


def _filtered_audit(request, form):
    entries = form.filter(AuditEntry.objects.all())
    if (action := request.GET.get("action")) == audit.READS:
        entries = entries.filter(action__in=audit.READ_ACTIONS)
    elif action:
        entries = entries.filter(action=action)
    if actor := request.GET.get("actor"):
        entries = entries.filter(actor_name__icontains=actor)
    if target := request.GET.get("target"):
        entries = entries.filter(target_repr__icontains=target)
    return entries


@role_required(*AUDIT_READERS)
def audit_list(request):
    form = AuditFilterForm(request.GET)
    page = Paginator(_filtered_audit(request, form), 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.lines, entry.kind = audit_display.describe(entry), audit_display.target_kind(entry)
    codes = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
    actions = sorted((audit.action_label(code), code) for code in set(codes))
    context = {"page": page, "actions": actions, "form": form}
    return render(request, "core/audit_list.html", context)


@role_required(*AUDIT_READERS)
def audit_export(request):
    """CSV with a BOM so that Excel opens the Chinese correctly; streamed, so any size works.
    The export holds who handled whose case: it is itself logged (with its filter). A filter
    with errors (a date mistyped) goes back to the list, which says so at the field."""
    form = AuditFilterForm(request.GET)
    if not form.is_valid():
        return redirect(f"{reverse('core:audit_list')}?{request.GET.urlencode()}")
    audit.record(request.user, "audit.export", None, what=request.GET.urlencode()[:300])
    entries = _filtered_audit(request, form).iterator(chunk_size=2000)
    response = StreamingHttpResponse(
        audit_display.csv_lines(entries), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


@staff_required
def deadline_calculator(request):
    """期限计算器: shows the due date and its workings (which days were skipped and why)."""
    form = DeadlineForm(request.GET or None)
    count, note = None, ""
    if form.is_valid():
        # A year not yet entered is counted provisionally, as the case pages count it (暂定).
        calendar = workday_calendar(provisional=True)
        count = add_workdays(form.cleaned_data["start"], form.cleaned_data["days"], calendar)
        note = provisional_note(calendar, count.start, count.due)
    return render(request, "core/deadline.html", {"form": form, "count": count, "note": note})


@role_required(*ADMINS)
def holidays(request):
    schedule_form = HolidayScheduleForm(prefix="schedule")
    override_form = HolidayOverrideForm(prefix="override")
    if request.method == "POST" and "schedule-year" in request.POST:
        schedule_form = HolidayScheduleForm(request.POST, prefix="schedule")
        if schedule_form.is_valid():
            changed = services.holiday_schedule_save(by=request.user, form=schedule_form)
            messages.success(
                request,
                "已登记年度节假日安排。请逐日录入放假日和调休上班日，录入完整后点击“确认录入完整”；"
                f"确认前该年期限均为暂定。{changed}项期限已重新计算。",
            )
            return redirect("core:holidays")
    elif request.method == "POST":
        override_form = HolidayOverrideForm(request.POST, prefix="override")
        if override_form.is_valid():
            try:
                changed = services.holiday_override_save(by=request.user, form=override_form)
            except DomainError as error:  # the day was saved meanwhile: said at the form
                override_form.add_error(None, str(error))
            else:
                messages.success(request, f"已保存节假日调整，{changed}项期限已重新计算。")
                return redirect("core:holidays")
    context = {
        "schedules": HolidaySchedule.objects.all(),
        "overrides": HolidayOverride.objects.all(),
        "schedule_form": schedule_form,
        "override_form": override_form,
    }
    return render(request, "core/holidays.html", context)


def _holiday_change(request, service, done: str, **kwargs):
    """A POST that changes the calendar: the service returns how many dates were recomputed;
    a refusal is shown as it is. Back to the holidays page either way."""
    try:
        changed = service(by=request.user, **kwargs)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{done}，{changed}项期限已重新计算。")
    return redirect("core:holidays")


@require_POST
@role_required(*ADMINS)
def holiday_schedule_confirm(request, year):
    schedule = get_object_or_404(HolidaySchedule, year=year)
    done = f"已确认{year}年节假日安排录入完整"
    return _holiday_change(request, services.holiday_schedule_confirm, done, schedule=schedule)


@require_POST
@role_required(*ADMINS)
def holiday_override_delete(request, pk):
    override = get_object_or_404(HolidayOverride, pk=pk)
    return _holiday_change(request, services.holiday_override_delete, "已删除", override=override)


@require_POST
@staff_required
def notifications_read(request):
    request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("core:dashboard")


@require_POST
@staff_required
def notification_resend(request, pk):
    """重新发送 the e-mail copy of one of the user's own notifications marked 邮件未发出."""
    try:
        why = resend_mail(by=request.user, pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    except DomainError as error:
        messages.info(request, str(error))
    else:
        if why:
            messages.error(request, f"邮件仍未发出（{why}），请稍后再试或以其他方式联系。")
        else:
            messages.success(request, "提醒邮件已重新发送。")
    return redirect("core:dashboard")
