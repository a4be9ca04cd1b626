"""The core's section of the staff dashboard: the user's unread notifications (通知)."""


def notifications(user):
    unread = list(user.notifications.filter(read_at__isnull=True)[:20])
    if not unread:
        return None
    return {
        "template": "core/_notifications.html",
        "title": "提醒",
        "rows": unread,
        "count": user.notifications.filter(read_at__isnull=True).count(),
    }
