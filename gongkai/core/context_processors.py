from django.conf import settings

from gongkai.core.roles import Role


def site(request):
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return {
        "SITE_NAME": settings.SITE_NAME,
        "AGENCY_NAME": settings.AGENCY_NAME,
        "is_sysadmin": signed_in and user.has_role(Role.SYSADMIN),
        # The press office's own pages (导入工作方案, 登记来信来函, 统计): links only for it.
        "is_press_office": signed_in and user.has_role(Role.PRESS_OFFICE),
        "can_read_audit": signed_in and user.has_role(Role.SYSADMIN, Role.PRESS_OFFICE),
        "can_read_reports": signed_in and user.has_role(Role.PRESS_OFFICE, Role.LEADER),
        # 审计查阅 reads every staff page (its verbs are refused): the nav shows it each one.
        "reads_everything": signed_in and user.is_read_only,
        "can_handle_requests": signed_in
        and user.has_role(Role.PRESS_OFFICE, Role.CLERK, Role.UNIT_HEAD),
    }
