"""Outside probes: the login lockout let anyone lock a clerk out. Failures are counted per
(account, address), per address and per account over a day, so someone behind the bureau's
one NAT address (or a botnet filling the day's count) locked the clerk out at their own desk.
OWASP's device cookie: a browser that has signed in as the account before gets its own tries;
unknown browsers stay under the lockout."""

from django.test import Client
from django.urls import reverse

from gongkai.core import throttle
from gongkai.core.models import AuditEntry
from gongkai.testing import TEST_PASSWORD

OFFICE = {"REMOTE_ADDR": "198.51.100.7"}  # the bureau's one NAT address


def _login(client, username, password):
    return client.post(
        reverse("core:login"), {"username": username, "password": password}, **OFFICE
    )


def _locked(response) -> bool:
    return "登录失败次数过多" in response.content.decode()


def _known_browser(username) -> Client:
    """A browser that has signed in as `username` and signed out again."""
    browser = Client()
    assert _login(browser, username, TEST_PASSWORD).status_code == 302
    assert throttle.DEVICE_COOKIE in browser.cookies
    browser.post(reverse("core:logout"))
    return browser


def _lock_from_the_office(username):
    for _ in range(5):  # LOGIN_MAX_FAILURES, from a colleague's PC behind the same address
        _login(Client(), username, "wrong-guess")


def test_a_browser_that_signed_in_before_keeps_its_tries_while_unknown_ones_are_locked(cast):
    clerk = _known_browser("fagui")
    _lock_from_the_office("fagui")
    assert _locked(_login(Client(), "fagui", TEST_PASSWORD))  # an unknown browser: locked
    assert _login(clerk, "fagui", TEST_PASSWORD).status_code == 302
    assert clerk.session["_auth_user_id"] == str(cast.clerk.pk)


def test_a_known_browser_also_passes_the_days_lock_on_the_account(cast, settings):
    """The office's 5 failures fill the account's day (5 here): an unknown browser there is
    refused for the day, the clerk's own is not."""
    settings.LOGIN_ACCOUNT_MAX_FAILURES = 5
    clerk = _known_browser("fagui")
    _lock_from_the_office("fagui")
    assert "该账号今天登录失败次数过多" in _login(Client(), "fagui", TEST_PASSWORD).content.decode()
    assert _login(clerk, "fagui", TEST_PASSWORD).status_code == 302


def test_the_cookie_is_for_its_own_account_only(cast):
    """Signed in as 法规处's clerk on this PC: 审批处's clerk, locked from this address, is not
    let in through it."""
    browser = _known_browser("fagui")
    _lock_from_the_office("shenpi")
    assert _locked(_login(browser, "shenpi", TEST_PASSWORD))


def test_a_known_browsers_own_failures_lock_it(cast):
    """The cookie gets LOGIN_MAX_FAILURES tries of its own, no more: a stolen or shared
    browser cannot guess without end, and its failures are logged as any."""
    browser = _known_browser("fagui")
    failed = AuditEntry.objects.filter(action="auth.login_failed").count()
    for _ in range(5):
        assert not _locked(_login(browser, "fagui", "wrong-guess"))
    assert _locked(_login(browser, "fagui", TEST_PASSWORD))
    assert AuditEntry.objects.filter(action="auth.login_failed").count() == failed + 5
    # its lock is its own: an unknown browser at the same address still has its tries
    assert _login(Client(), "fagui", TEST_PASSWORD).status_code == 302


def test_an_altered_cookie_counts_as_an_unknown_browser(cast):
    browser = _known_browser("fagui")
    value = browser.cookies[throttle.DEVICE_COOKIE].value
    browser.cookies[throttle.DEVICE_COOKIE] = (
        value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    )
    _lock_from_the_office("fagui")
    assert _locked(_login(browser, "fagui", TEST_PASSWORD))


def test_the_cookie_does_not_name_the_account_and_is_sent_to_the_sign_in_page_only(cast):
    browser = _known_browser("fagui")
    cookie = browser.cookies[throttle.DEVICE_COOKIE]
    assert cookie["path"] == reverse("core:login") and cookie["httponly"]
    assert "fagui" not in str(throttle.signing.loads(cookie.value, salt=throttle.DEVICE_SALT))


def test_the_account_digest_is_keyed_by_the_sites_secret(settings):
    """The signed cookie is readable; a plain hash of a user name is found by hashing the few
    names a bureau has. Keyed by SECRET_KEY, the same name gives another digest elsewhere."""
    here = throttle._account_digest("fagui")
    settings.SECRET_KEY = "another-site-" + "x" * 40
    assert throttle._account_digest("fagui") != here
