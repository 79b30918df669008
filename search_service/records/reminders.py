"""The reminder job: print what is due, and e-mail it when SMTP settings are given.

Each staff member with an e-mail address gets their own items; every SENCO account gets the whole list.
Run it from a scheduler, for example every Monday: python -m search_service.records due --within-days 30
"""

from __future__ import annotations

import datetime as dt
import smtplib
import sys
from collections import defaultdict
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select

from handbook.settings import Settings
from search_service.records.due import due_items
from search_service.records.models import Account, Staff
from search_service.records.store import RecordsStore

STATUS_WORDS = {"overdue": "overdue since", "expired": "accreditation expired on", "due": "due by"}


def line(item: dict[str, Any]) -> str:
    day = dt.date.fromisoformat(item["due_on"])
    return f"{item['name']}: {item['title']} ({STATUS_WORDS[item['status']]} {day.day} {day:%B %Y})"


def message(settings: Settings, to: str, subject: str, lines: list[str]) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = settings.smtp_from, to, subject
    body = ["This is the SEND Handbook's training reminder.", "", *lines, "", "Sign in at /records/ to see more."]
    mail.set_content("\n".join(body))
    return mail


def send_all(settings: Settings, mails: list[EmailMessage]) -> None:
    assert settings.smtp_host
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password or "")
        for mail in mails:
            smtp.send_message(mail)


def run_due(store: RecordsStore, within_days: int, send: bool = True, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    with store.session() as db:
        items = due_items(db, store.catalogue, today, within_days)
        emails = dict(db.execute(select(Staff.id, Staff.email).where(Staff.email.is_not(None))).all())
        sencos = list(db.scalars(select(Account.email).where(Account.role == "senco").order_by(Account.email)))
    if not items:
        print(f"Nothing is due in the next {within_days} days.")
    for item in items:
        print(line(item))
    settings = store.settings
    if not (send and settings.smtp_host and items):
        return 0
    per_person: dict[int, list[str]] = defaultdict(list)
    for item in items:
        per_person[item["staff_id"]].append(line(item))
    mails = [
        message(settings, to, "Your SEND training is due", lines)
        for staff_id, lines in per_person.items()
        if (to := emails.get(staff_id))
    ]
    everything = [line(i) for i in items]
    mails += [message(settings, to, f"SEND training due in the next {within_days} days", everything) for to in sencos]
    try:
        send_all(settings, mails)
    except (OSError, smtplib.SMTPException) as error:
        print(
            f"Could not send the reminders through {settings.smtp_host}:{settings.smtp_port}: {error}", file=sys.stderr
        )
        return 3
    print(f"Sent {len(mails)} reminder e-mails.")
    return 0
