"""Counting attempts per client or per account, atomically, across workers and machines.

Each key has one `Throttle` row: a count and the start of its window. Taking an attempt is a
conditional UPDATE (`count < limit`), so two requests at the same moment cannot both take the
last one (a read-then-insert let 11 through a limit of 10); the row lives in the database, so
it holds for any number of workers on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import secrets

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from gongkai.core.models import Throttle

# No window is longer than this, so `sweep` may delete every row older than it.
MAX_WINDOW_SECONDS = 24 * 3600


def take(key: str, *, limit: int, seconds: int) -> bool:
    """One attempt for `key` if fewer than `limit` were taken in its window; the window
    starts with the first attempt and lasts `seconds`."""
    if seconds > MAX_WINDOW_SECONDS:
        raise ValueError(f"a throttle window is at most {MAX_WINDOW_SECONDS} seconds")
    if limit <= 0:
        return False
    now = timezone.now()
    window_start = now - dt.timedelta(seconds=seconds)
    rows = Throttle.objects.filter(key=key)
    if rows.filter(started_at__lt=window_start).update(count=1, started_at=now):
        return True  # the old window had run out: this attempt opens a new one
    if rows.filter(started_at__gte=window_start, count__lt=limit).update(count=F("count") + 1):
        return True
    if rows.exists():  # full, or made by a concurrent first attempt since the UPDATE above
        return (
            rows.filter(started_at__gte=window_start, count__lt=limit).update(count=F("count") + 1)
            == 1
        )
    try:
        with transaction.atomic():
            Throttle.objects.create(key=key, count=1, started_at=now)
        return True
    except IntegrityError:  # another request created it first
        return rows.filter(count__lt=limit).update(count=F("count") + 1) == 1


def take_all(limits: dict[str, int], *, seconds: int) -> bool:
    """One attempt from each key, or none at all."""
    taken = []
    for key, limit in limits.items():
        if not take(key, limit=limit, seconds=seconds):
            give_back(*taken)
            return False
        taken.append(key)
    return True


def give_back(*keys: str) -> None:
    """Return attempts that turned out not to count (the password or the code was right)."""
    for key in keys:
        Throttle.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def network_of(ip: str | None) -> str:
    """What one client is for counting: an IPv4 address, or the /64 an IPv6 address is in
    (one household or one machine gets a whole /64 and can pick any address in it)."""
    if not ip:
        return "unknown"
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _login_key(*parts: str) -> str:
    """A Throttle key within its 200 characters: a user name is up to 150 and an address
    up to 43, so a long pair is shortened to a digest rather than cut (two long names that
    begin alike must not share a count)."""
    key = ":".join(parts)
    if len(key) <= 200:
        return key
    return f"{parts[0]}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"


def block_of(ip: str | None) -> str | None:
    """The IPv4 /24 an address is in (one organisation, or a carrier's pool of neighbours), or
    None: an IPv6 client is already counted by its /64."""
    try:
        address = ipaddress.ip_address(ip or "")
    except ValueError:
        return None
    if address.version != 4:
        return None
    return str(ipaddress.ip_network(f"{address}/24", strict=False))


def take_for_client(kind: str, ip: str | None, *, limit: int, seconds: int = 3600) -> bool:
    """One of a citizen form's submissions: `limit` per address (IPv6: per /64) and
    RATE_BLOCK_FACTOR times that per IPv4 /24, or none taken. Per address alone, 25 comments
    from 25 addresses of one /24 all passed (probe 10, finding 6)."""
    keys = {f"{kind}:net:{network_of(ip)}": limit}
    if block := block_of(ip):
        keys[f"{kind}:block:{block}"] = limit * settings.RATE_BLOCK_FACTOR
    return take_all(keys, seconds=seconds)


def login_keys(username: str, ip: str | None) -> dict[str, int]:
    """The lockout counts per (account, address), not per account: a stranger's wrong guesses
    lock out the stranger's own address, never the owner signing in from another one (probe10
    finding 1). One address may be a whole bureau behind NAT, so across all accounts it gets
    four times the tries of one (account, address) pair."""
    limit = settings.LOGIN_MAX_FAILURES
    network = network_of(ip)
    return {
        _login_key("login:pair", username, network): limit,
        _login_key("login:net", network): limit * 4,
    }


def account_key(username: str) -> str:
    return _login_key("login:user", username)


def _counted(key: str, *, seconds: int) -> int:
    """What `key` holds now (0 once its window has run out)."""
    since = timezone.now() - dt.timedelta(seconds=seconds)
    row = Throttle.objects.filter(key=key, started_at__gte=since).first()
    return row.count if row else 0


class LoginLocked(Exception):
    """This client may not try this account now; `for_the_day` when the account's daily count
    is full and this address has already failed for it."""

    def __init__(self, *, for_the_day: bool = False):
        super().__init__()
        self.for_the_day = for_the_day


# 设备凭证 (OWASP's device cookie): a browser that has signed in as an account before is given
# a signed cookie naming it; from that browser the account's tries are counted per cookie, so
# no one elsewhere (the same office's address included) can lock the owner out.
DEVICE_COOKIE = "gongkai_device"
DEVICE_SALT = "gongkai.core.throttle.device"
DEVICE_DAYS = 180
DEVICES_KEPT = 5  # accounts one browser remembers (a shared office PC)


def _account_digest(username: str) -> str:
    """The cookie names the account by a keyed digest: who signs in at a PC is not in its
    cookies (the signed cookie is readable, and a plain hash of a short list of user names is
    guessed by trying them)."""
    return salted_hmac(DEVICE_SALT, username).hexdigest()[:24]


def _device_entries(cookie: str | None) -> list[list[str]]:
    """[[account digest, device id], …] from a cookie this site signed within DEVICE_DAYS;
    [] for none, an old one, or one altered (it then counts as an unknown browser)."""
    if not cookie:
        return []
    try:
        entries = signing.loads(cookie, salt=DEVICE_SALT, max_age=DEVICE_DAYS * 86400)
    except signing.BadSignature:
        return []
    if not isinstance(entries, list):
        return []
    return [
        e
        for e in entries
        if isinstance(e, list) and len(e) == 2 and all(isinstance(x, str) for x in e)
    ]


def device_for(cookie: str | None, username: str) -> str | None:
    """The device id this browser's cookie holds for `username`, or None (unknown browser)."""
    digest = _account_digest(username)
    return next((device for name, device in _device_entries(cookie) if name == digest), None)


def device_cookie(cookie: str | None, username: str) -> str:
    """The cookie after `username` signed in here: a fresh device id for it (each sign-in
    issues a new one), the browser's other accounts kept, the newest DEVICES_KEPT."""
    digest = _account_digest(username)
    others = [e for e in _device_entries(cookie) if e[0] != digest]
    entries = [[digest, secrets.token_urlsafe(16)], *others][:DEVICES_KEPT]
    return signing.dumps(entries, salt=DEVICE_SALT, compress=True)


def login_attempt(username: str, ip: str | None, device: str | None = None) -> list[str]:
    """Take one try for `username` from `ip`: the keys taken (to give back if the password was
    right); raises LoginLocked when this client may not try now.

    A browser holding a device cookie for the account (`device`, device_for) is counted on
    its own: LOGIN_MAX_FAILURES per LOGIN_LOCKOUT_MINUTES for that cookie, whatever others did
    from its address or to the account; its own failures lock that cookie, nothing else.

    Besides the per-pair lockout, failures of one account from every address are counted over
    a day (LOGIN_ACCOUNT_MAX_FAILURES): a botnet gets LOGIN_MAX_FAILURES guesses per address
    per window. Once the day's count is full, an address that has already failed for this
    account may not try again that day, while an address that has not failed still may, so the
    owner at their own desk is never the one shut out (the guesser needs a fresh address for
    every single guess). The owner is told of the failures when they next sign in."""
    if device is not None:
        key = _login_key("login:device", device)
        if not take(
            key, limit=settings.LOGIN_MAX_FAILURES, seconds=settings.LOGIN_LOCKOUT_MINUTES * 60
        ):
            raise LoginLocked
        return [key]
    keys = login_keys(username, ip)
    pair = next(iter(keys))
    account = account_key(username)
    if _counted(account, seconds=MAX_WINDOW_SECONDS) >= settings.LOGIN_ACCOUNT_MAX_FAILURES:
        # the pair's row is kept for a day (`sweep`): a count left in it is a failure today
        since = timezone.now() - dt.timedelta(seconds=MAX_WINDOW_SECONDS)
        if Throttle.objects.filter(key=pair, count__gt=0, started_at__gte=since).exists():
            raise LoginLocked(for_the_day=True)
    if not take_all(keys, seconds=settings.LOGIN_LOCKOUT_MINUTES * 60):
        raise LoginLocked
    taken = list(keys)
    if take(account, limit=settings.LOGIN_ACCOUNT_MAX_FAILURES, seconds=MAX_WINDOW_SECONDS):
        taken.append(account)
    return taken


def sweep(*, today: dt.date, days: int) -> list[str]:
    """`gongkai remind`'s part: rows whose window ended long ago are only clutter (a new attempt
    would open a fresh window anyway)."""
    cutoff = timezone.now() - dt.timedelta(seconds=MAX_WINDOW_SECONDS)
    deleted, _ = Throttle.objects.filter(started_at__lt=cutoff).delete()
    return [f"清理\t频率限制记录\t{deleted}条已过期"] if deleted else []
