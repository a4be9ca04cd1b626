"""Number + query code (查询码): how a citizen without an account follows what they sent — an
application, a message, a sign-up. The code is shown once and stored only as a keyed digest;
online it derives from the form's idempotency key, so a retried submission can show it again."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

# 8 characters without 0/O, 1/I/L: read over the phone without mistakes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def _digest(code: str) -> str:
    normalised = code.strip().upper().encode()
    return hmac.new(settings.SECRET_KEY.encode(), normalised, hashlib.sha256).hexdigest()


class QueryCoded:
    """For a model with a `query_digest` field. `CODE_SALT` keeps the codes of one kind of
    record from being derived from another kind's key."""

    CODE_SALT = b"code:"

    @classmethod
    def new_query_code(cls, idempotency_key: str | None = None) -> str:
        if idempotency_key:
            digest = hmac.new(
                settings.SECRET_KEY.encode(),
                cls.CODE_SALT + idempotency_key.encode(),
                hashlib.sha256,
            ).digest()
            return "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in digest[:CODE_LENGTH])
        return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))

    def set_query_code(self, code: str) -> None:
        self.query_digest = _digest(code)

    def check_query_code(self, code: str) -> bool:
        return bool(self.query_digest) and hmac.compare_digest(self.query_digest, _digest(code))
