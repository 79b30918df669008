"""The records schema: staff, their roles, assignments, completions, induction ticks, accounts, sign-in
sessions, lockout counters and the audit log. Staff data only: no table has a place for a pupil.

Every row that belongs to a person is deleted with them (ON DELETE CASCADE), so erasure is one DELETE.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    roles: Mapped[list[StaffRole]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin", order_by="StaffRole.role"
    )

    @property
    def role_ids(self) -> list[str]:
        return [r.role for r in self.roles]


class StaffRole(Base):
    __tablename__ = "staff_roles"
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class Assignment(Base):
    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("staff_id", "module_id", name="uq_assignments_staff_module"),
        Index("ix_assignments_due_open", "due_on", "completed_on"),  # the due list's range, index-only
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    module_id: Mapped[str] = mapped_column(String(80))
    due_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    assigned_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # The latest completion of this module by this person, kept in step by training.sync_latest, so the
    # due list reads one indexed range instead of searching completions for every assignment.
    completed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class Completion(Base):
    __tablename__ = "completions"
    __table_args__ = (Index("ix_completions_staff_module", "staff_id", "module_id", "completed_on"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"))
    module_id: Mapped[str] = mapped_column(String(80))
    completed_on: Mapped[dt.date] = mapped_column(Date)
    refresher_due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Refresher(Base):
    """The next refresher per person and module: the latest completion's date, kept by training.sync_latest."""

    __tablename__ = "refreshers"
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    module_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    completed_on: Mapped[dt.date] = mapped_column(Date)
    refresher_due: Mapped[dt.date] = mapped_column(Date, index=True)


class InductionTick(Base):
    __tablename__ = "induction_ticks"
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    ticked_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # senco | staff
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginSession(Base):
    __tablename__ = "sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 of the cookie value
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class LoginFailure(Base):
    """Failed sign-ins per key ("account:<email>" or "address:<ip>"); a row is deleted after a success."""

    __tablename__ = "login_failures"
    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    last_failed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """Who changed what and when. Names are never copied here, only ids, so erasure leaves no trace."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor_account_id: Mapped[int | None] = mapped_column(Integer)
    actor_role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(80))
    detail: Mapped[str] = mapped_column(Text, default="")
