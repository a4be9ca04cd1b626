"""The audit log's filter offers only actions the applications' code records."""

from gongkai.core import audit
from gongkai.disclosure_requests.models import TRANSITIONS

# Recorded by services.py rather than by a verb of DisclosureRequest.
RECORDED_BY_SERVICES = {"request.register", "request.add_remedy", "request.recompute_due"}
# Recorded by the staff views when an application's personal data is read (audit.record_read).
RECORDED_BY_VIEWS = {"request.read", "request.download"}
# Recorded when a mail to the applicant fails (DisclosureRequest.record_mail_failed).
RECORDED_ON_MAIL_FAILURE = {"request.ack_mail_failed", "request.serve_mail_failed"}


def test_every_application_action_label_is_one_the_code_records():
    labelled = {action for action in audit.ACTION_LABELS if action.startswith("request.")}
    recorded = {f"request.{verb}" for verb in TRANSITIONS} | RECORDED_BY_SERVICES
    recorded |= RECORDED_BY_VIEWS | RECORDED_ON_MAIL_FAILURE
    assert labelled == recorded
