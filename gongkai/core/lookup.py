"""查询 — a citizen follows an application, a message or a sign-up by its number and query code,
without an account. One way for all three: wrong tries are throttled (lookup_keys), a wrong pair
says only that it does not match, and a browser that proved the code for a number is remembered
in its session for that number alone."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from django.conf import settings

from gongkai.core import throttle
from gongkai.core.middleware import client_ip


def lookup_keys(tracking_no: str, ip: str | None) -> dict[str, int]:
    """Wrong codes are counted per (number, network), per network, and per IPv6 /48, never per
    number alone: a stranger who guesses at a number uses up only his own network's tries, and
    the applicant, from anywhere else, still gets in with the right code. Brute force stays out
    of reach: 8 characters of 31 are 8.5e11 codes, and one network may try 10 an hour on a
    number and 30 in all (an IPv6 site with a whole /48 of /64s, 100), then the shared address's
    allowance below."""
    per_number = settings.LOOKUP_FAILURES_PER_HOUR
    network = throttle.network_of(ip)
    keys = {
        f"lookup:pair:{tracking_no[:40]}:{network}": per_number,
        f"lookup:net:{network}": per_number * 3,
    }
    if "/" in network:  # an IPv6 /64: one site is given a /48 and may spread over its /64s
        site = ipaddress.ip_network(network).supernet(new_prefix=48)
        keys[f"lookup:site:{site}"] = per_number * 10
    return keys


def _shared_address_keys(keys: dict[str, int]) -> dict[str, int]:
    """The number's own tries, the same key; the network's (and /48's), a second set
    settings.LOOKUP_SHARED_ADDRESS_FACTOR times as large.

    Behind one shared address (a school, an office, a carrier's NAT) a network's 30 tries an
    hour are everyone's. Once they are spent, the network has (by default) ten times as many
    again, each still taken from the number's own tries: an applicant there still gets in with
    the right code, wrong codes on one number stay held to 10, and a guesser to 330 an hour in
    all."""
    factor = settings.LOOKUP_SHARED_ADDRESS_FACTOR
    shared = {}
    for key, limit in keys.items():
        if key.startswith("lookup:pair:"):
            shared[key] = limit
        else:
            shared[f"{key}:shared"] = limit * factor
    return shared


def lookup_may_try(tracking_no: str, ip: str | None) -> tuple[str, ...]:
    """Each wrong number + query code pair uses one try of each key (see lookup_keys), then,
    when the network's are spent, of the shared address's (LOOKUP_SHARED_ADDRESS_FACTOR). The
    keys taken, for lookup_succeeded; none when refused."""
    keys = lookup_keys(tracking_no, ip)
    for tries in (keys, _shared_address_keys(keys)):
        if throttle.take_all(tries, seconds=3600):
            return tuple(tries)
    return ()


def lookup_succeeded(taken: tuple[str, ...]) -> None:
    """The right code: the tries it took are given back."""
    throttle.give_back(*taken)


@dataclass(frozen=True)
class CodeAccess:
    """One kind of record followed by number and code: the session key that remembers the
    numbers this browser proved, the number's field (on the form and the model), and its name
    in the refusal (申请编号)."""

    session_key: str
    number_field: str
    label: str

    def remember(self, request, number: str) -> None:
        request.session[self.session_key] = sorted(
            {*request.session.get(self.session_key, []), number}
        )

    def proven(self, request, number: str) -> bool:
        return number in request.session.get(self.session_key, [])

    def numbers(self, request) -> list[str]:
        return request.session.get(self.session_key, [])

    def look_up(self, request, form, records):
        """The record of `records` that the posted number and code open, remembered for this
        browser; None otherwise, with the reason on the form."""
        if request.method != "POST" or not form.is_valid():
            return None
        number = form.cleaned_data[self.number_field].strip().upper()
        taken = lookup_may_try(number, client_ip(request))
        if not taken:
            form.add_error(None, "查询失败次数过多，请一小时后再试。")
            return None
        found = records.filter(**{self.number_field: number}).first()
        if found is None or not found.check_query_code(form.cleaned_data["code"]):
            form.add_error(None, f"{self.label}或查询码不正确。")
            return None
        lookup_succeeded(taken)
        self.remember(request, number)
        return found
