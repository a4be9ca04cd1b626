"""Telephone numbers as people type them: one number, however it is written — with +86 or
0086, spaces, dashes, brackets, full-width digits (a phone's Chinese keyboard gives those)."""

from __future__ import annotations

import re
import unicodedata

_TYPED = re.compile(r"\+?[0-9\-()]+")
# A mainland mobile (11 digits); a landline with its area code (0 + 2–3 digits + 7–8 digits),
# perhaps with an extension; a local landline of 7–8 digits.
_NUMBER = re.compile(r"1[3-9][0-9]{9}|0[0-9]{9,17}|[0-9]{7,8}")


def tidy(text: str) -> str:
    """What is stored and shown: full-width characters made ordinary (NFKC), spaces gone."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def phone_key(text: str) -> str:
    """The number itself, for comparing: digits only, without the country code; a landline
    written internationally (+86 20 …) gets its trunk 0 back (020…).

    >>> phone_key("+86-136 0013 6000"), phone_key("(020) 8310 8000")
    ('13600136000', '02083108000')
    """
    typed = tidy(text)
    digits = re.sub(r"[^0-9]", "", typed)
    international = typed.startswith("+") or digits.startswith("00")
    if digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and (
        typed.startswith("+") or re.fullmatch(r"861[3-9][0-9]{9}", digits)
    ):
        digits = digits[2:]
    elif international:
        return digits  # another country's number: compared as it stands
    if international and digits[:1] not in ("0", "1", ""):
        digits = "0" + digits
    return digits


def is_phone(text: str) -> bool:
    """A mobile or a landline (with area code or local), in any of the ways `phone_key` reads."""
    typed = tidy(text)
    return bool(_TYPED.fullmatch(typed)) and bool(_NUMBER.fullmatch(phone_key(typed)))


class PhoneKeyed:
    """For a model with `phone` and `phone_key`: saving sets `phone_key` from `phone`, also on a
    save of `update_fields` that names `phone`, so the two never disagree in the database."""

    def save(self, *args, **kwargs):
        self.phone_key = phone_key(self.phone)
        fields = kwargs.get("update_fields")
        if fields is not None and "phone" in fields:
            kwargs["update_fields"] = {*fields, "phone_key"}
        super().save(*args, **kwargs)
