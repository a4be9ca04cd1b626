"""The audit log's filter offers only actions the applications' code records."""

from gongkai.core import audit
from gongkai.disclosure_requests.models import TRANSITIONS

# Recorded by services.py rather than by a verb of DisclosureRequest.
RECORDED_BY_SERVICES = {"request.register", "request.add_remedy", "request.recompute_due"}
# Recorded by the staff views when an application's personal data is read (audit.record_read).
RECORDED_BY_VIEWS = {"request.read", "request.download"}
# Recorded when a mail to the applicant fails (DisclosureRequest.record_mail_failed).
RECORDED_ON_MAIL_FAILURE = {
    "request.ack_mail_failed",
    "request.serve_mail_failed",
    "request.resend_mail_failed",
}


def test_every_application_action_label_is_one_the_code_records():
    labelled = {action for action in audit.ACTION_LABELS if action.startswith("request.")}
    recorded = {f"request.{verb}" for verb in TRANSITIONS} | RECORDED_BY_SERVICES
    recorded |= RECORDED_BY_VIEWS | RECORDED_ON_MAIL_FAILURE
    assert labelled == recorded


def test_the_serve_entry_reads_as_the_method_of_service(cast):
    """Probe 11 F4.4 — fails on main: "计收方式：post" (the fee notice's field, the raw code)."""
    import datetime as dt

    from gongkai.core.audit_display import describe
    from gongkai.core.models import AuditEntry
    from gongkai.testing import replied_case

    case = replied_case(cast)
    case.serve(by=cast.press, method="post", on=dt.date(2022, 10, 21))
    lines = describe(AuditEntry.objects.get(action="request.serve"))
    assert "送达方式：邮寄送达" in lines and not any("计收方式" in line for line in lines)
    # a fee notice's own method still reads as 计收方式
    assert "计收方式：按件计收" in describe(
        AuditEntry(action="request.send_fee_notice", data={"method": "per_piece"})
    )
