"""The records app without the search model: create_app, then open the records database by hand."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from handbook.settings import Settings
from search_service.app import create_app
from search_service.records.accounts import create_account
from search_service.records.store import RecordsStore


class RecordsClient:
    """A TestClient that remembers the CSRF token its last sign-in returned."""

    def __init__(self, settings: Settings) -> None:
        self.app = create_app(settings)
        self.store: RecordsStore = self.app.state.records
        assert self.store.start(), self.store.reason
        self.http = TestClient(self.app)
        self.csrf = ""

    def add_account(self, email: str, role: str, password: str, staff_id: int | None = None) -> int:
        with self.store.session() as db:
            account = create_account(db, email, role, password, staff_id)
            db.commit()
            return account.id

    def login(self, email: str, password: str) -> Any:
        response = self.http.post("/api/records/login", json={"email": email, "password": password})
        if response.status_code == 200:
            self.csrf = response.json()["csrf_token"]
        return response

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = kwargs.pop("headers", {})
        if self.csrf and method in ("POST", "PUT", "PATCH", "DELETE"):
            headers = {"X-CSRF-Token": self.csrf, **headers}
        return self.http.request(method, "/api/records" + path, headers=headers, **kwargs)

    def close(self) -> None:
        self.http.close()
        self.store.close()
