"""The password rules."""

from __future__ import annotations

import pytest

from search_service.records.passwords import (
    WeakPassword,
    check_password,
    common_passwords,
    hash_password,
    verify_password,
)


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("short pass", "at least 12"),
        ("password1234", "too common"),
        ("QWERTY123456", "too common"),
        ("aaaaaaaaaaaaaaaa", "too common"),
        ("x" * 300, "at most"),
        ("senco.lead rules ok", "must not contain your e-mail name"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password: str, words: str) -> None:
    with pytest.raises(WeakPassword, match=words):
        check_password(password, "senco.lead@school.example")


def test_a_long_uncommon_password_is_accepted_and_hashed_with_argon2id() -> None:
    check_password("my bike is blue and old", "senco@school.example")
    stored = hash_password("my bike is blue and old")
    assert stored.startswith("$argon2id$") and verify_password(stored, "my bike is blue and old")
    assert not verify_password(stored, "my bike is blue and new") and not verify_password("garbage", "x")


def test_the_common_list_is_long_passwords_only() -> None:
    assert len(common_passwords()) >= 80 and all(len(p) >= 12 for p in common_passwords())
