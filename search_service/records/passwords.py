"""Password rules and hashing: argon2id (argon2-cffi), at least 12 characters, not a common password."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 12
MAX_LENGTH = 256
COMMON_PASSWORDS = Path(__file__).resolve().parent / "common_passwords.txt"
_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile: 64 MiB, 3 passes
_dummy_hash = ""


class WeakPassword(ValueError):
    pass


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def check_password(password: str, email: str = "") -> None:
    """Raise WeakPassword with a sentence a person understands."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"The password must be at least {MIN_LENGTH} characters long.")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"The password must be at most {MAX_LENGTH} characters long.")
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) < 4:
        raise WeakPassword("That password is too common or too easy to guess. Choose another.")
    if email and email.lower().split("@")[0] in lowered and len(email.split("@")[0]) >= 4:
        raise WeakPassword("The password must not contain your e-mail name (the part before the @).")


def configure(memory_kib: int, time_cost: int) -> None:
    """Set the argon2 cost for new hashes (existing hashes carry their own parameters)."""
    global _hasher, _dummy_hash
    if (_hasher.memory_cost, _hasher.time_cost) != (memory_kib, time_cost):
        _hasher = PasswordHasher(memory_cost=memory_kib, time_cost=time_cost)
        _dummy_hash = ""


def dummy_hash() -> str:
    """A hash of nothing anyone knows, checked when no account matches, so timing reveals nothing."""
    global _dummy_hash
    if not _dummy_hash:
        _dummy_hash = _hasher.hash("not a real password, used to keep sign-in timing the same")
    return _dummy_hash


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False
