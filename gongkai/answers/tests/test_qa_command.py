"""`gongkai qa elsewhere` regenerates a data file: it runs where no secret key is set, while
the commands that change the database still meet the system checks."""

import functools

import numpy as np
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from gongkai.answers import retrieval

NO_SECRET_KEY = {"DEBUG": False, "SECRET_KEY": settings.DEV_SECRET_KEY}  # what E001 refuses


def test_it_stores_the_other_agencies_vectors_without_a_secret_key(tmp_path, monkeypatch):
    questions, stored = tmp_path / "elsewhere.tsv", tmp_path / "elsewhere.npz"
    questions.write_text("医保卡丢了怎么补办\t市医疗保障局\n护照怎么办\t出入境\n", encoding="utf-8")
    store = functools.partial(retrieval.store_elsewhere_vectors, questions, stored)
    monkeypatch.setattr(retrieval, "store_elsewhere_vectors", store)

    with override_settings(**NO_SECRET_KEY):
        call_command("qa", "elsewhere", skip_checks=False)

    with np.load(stored) as data:
        assert data["vectors"].shape == (2, 384)


@pytest.mark.django_db
def test_it_still_refuses_to_reindex_the_database_without_a_secret_key():
    with override_settings(**NO_SECRET_KEY), pytest.raises(SystemCheckError, match="E001"):
        call_command("qa", "reindex", skip_checks=False)
