"""Command line for training records.

python -m search_service.records migrate
python -m search_service.records add-user --email EMAIL --role senco --password-stdin
python -m search_service.records due --within-days 30      (e-mails reminders when SMTP is set)
"""

from __future__ import annotations

import argparse
import sys

from handbook.settings import Settings
from search_service.records.accounts import ACCOUNT_ROLES, AccountError, create_account
from search_service.records.migrate import MigrationError, migrate
from search_service.records.passwords import WeakPassword
from search_service.records.store import RecordsStore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m search_service.records", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="create or upgrade the records database (safe to run twice)")
    add = commands.add_parser("add-user", help="create a sign-in account")
    add.add_argument("--email", required=True)
    add.add_argument("--role", required=True, choices=ACCOUNT_ROLES)
    add.add_argument("--password-stdin", action="store_true", required=True, help="read the password from stdin")
    due = commands.add_parser("due", help="print what is due; e-mail reminders when SMTP settings are given")
    due.add_argument("--within-days", type=int, default=30)
    due.add_argument("--no-email", action="store_true", help="only print, even when SMTP is set")
    args = parser.parse_args(argv)

    store = RecordsStore(Settings.from_env())
    try:
        return run(store, args)
    finally:
        store.close()


def run(store: RecordsStore, args: argparse.Namespace) -> int:
    try:
        migrate(store.engine)
    except MigrationError as error:
        print(error, file=sys.stderr)
        return 2
    if args.command == "migrate":
        print(f"The training records database is up to date ({store.url.split('@')[-1]}).")
        return 0
    if args.command == "add-user":
        password = sys.stdin.readline().rstrip("\r\n")
        with store.session() as db:
            try:
                account = create_account(db, args.email, args.role, password)
            except (AccountError, WeakPassword) as error:
                print(error, file=sys.stderr)
                return 1
            db.commit()
            print(f"Created the {account.role} account {account.email}. Sign in at /records/.")
        return 0
    from search_service.records.reminders import run_due

    if args.within_days < 0 or args.within_days > 3650:
        print("--within-days must be between 0 and 3650.", file=sys.stderr)
        return 1
    return run_due(store, args.within_days, send=not args.no_email)


if __name__ == "__main__":
    sys.exit(main())
