"""Each app's part in what gathers every app, imported directly so that a reader (and "find
usages") can follow it: the staff dashboard's sections, `gongkai remind`'s sweeps, `gongkai
demo`'s loaders and the ledger's evidence from other apps. A new app plugs in here.
"""

from gongkai.answers import dashboard as answers_dashboard
from gongkai.answers import demo as answers_demo
from gongkai.answers import evidence as answers_evidence
from gongkai.answers import reminders as answers_reminders
from gongkai.consultations import demo as consultations_demo
from gongkai.consultations import evidence as consultations_evidence
from gongkai.consultations import reminders as consultations_reminders
from gongkai.core import dashboard as core_dashboard
from gongkai.core import throttle
from gongkai.disclosure_requests import demo as requests_demo
from gongkai.disclosure_requests import reminders as requests_reminders
from gongkai.mailbox import demo as mailbox_demo
from gongkai.mailbox import evidence as mailbox_evidence
from gongkai.mailbox import reminders as mailbox_reminders
from gongkai.meetings import demo as meetings_demo
from gongkai.meetings import evidence as meetings_evidence
from gongkai.meetings import reminders as meetings_reminders
from gongkai.plans import dashboard as plans_dashboard
from gongkai.plans import demo as plans_demo
from gongkai.plans import reminders as plans_reminders
from gongkai.publications import dashboard as publications_dashboard
from gongkai.publications import demo as publications_demo
from gongkai.publications import evidence as publications_evidence
from gongkai.site import volume

# Each takes a user and returns one section of the staff dashboard ("my work, overdue first"),
# or None. Documents waiting for the user's review come first: they hold up publication. The
# unit's drafts come last.
DASHBOARD_SECTIONS = [
    volume.dashboard,  # an unusual number of submissions, for the press office
    publications_dashboard.review_queue,
    core_dashboard.notifications,
    requests_reminders.dashboard,
    mailbox_reminders.dashboard,
    plans_dashboard.my_tasks,
    meetings_reminders.dashboard,
    publications_dashboard.my_documents,
    answers_dashboard.my_entries,
]

# `gongkai remind` calls each with (today=, days=); each notifies and returns one line per item.
REMINDERS = [
    plans_reminders.sweep,
    requests_reminders.sweep,
    requests_reminders.sweep_internal,
    requests_reminders.sweep_periods,
    meetings_reminders.sweep,
    consultations_reminders.sweep,
    mailbox_reminders.sweep,
    answers_reminders.withdraw_lapsed,
    answers_reminders.sweep,
    throttle.sweep,
]

# `gongkai demo` calls each with (people, stdout) after creating the bureau; each is idempotent.
DEMO_LOADERS = [
    plans_demo.load,
    publications_demo.load,
    meetings_demo.load,
    requests_demo.load,
    consultations_demo.load,
    mailbox_demo.load,
    answers_demo.load,
]

# Work done in other apps that counts as evidence for ledger tasks: each takes a Task and returns
# [{"title", "url", "date", "kind"}]. Handed to the ledger at start-up (apps.py).
TASK_EVIDENCE = [
    meetings_evidence.for_task,
    publications_evidence.for_task,
    consultations_evidence.for_task,
    mailbox_evidence.for_task,
    answers_evidence.for_task,
]
