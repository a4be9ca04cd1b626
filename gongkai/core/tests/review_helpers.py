"""What the tests of core.review's rule share across the apps that use it."""


def leader_told_instead_of_head(cast, page: str):
    """The page a unit's only head gets on approving his own draft says a 局领导 checks it instead
    (core.review), and the leader has been told: returns the leader's one notification."""
    from gongkai.core.models import Notification

    assert "由局领导（签发领导）审核，系统已通知局领导" in page
    assert "另一位负责人" not in page
    return Notification.objects.get(user=cast.leader)
