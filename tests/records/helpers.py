"""The records app without the search model: create_app, then open the records database by hand."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from handbook.settings import Settings
from search_service.app import create_app
from search_service.records.accounts import create_account
from search_service.records.store import RecordsStore


class ApiUser:
    """One browser: its own cookie jar and the CSRF token its last sign-in returned."""

    def __init__(self, app: Any) -> None:
        self.http = TestClient(app)
        self.csrf = ""

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

    def ok(self, method: str, path: str, status: int = 200, **kwargs: Any) -> Any:
        response = self.call(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.status_code, response.text)
        return response.json() if "json" in response.headers.get("content-type", "") else response.text

    def close(self) -> None:
        self.http.close()


class RecordsApp:
    def __init__(self, settings: Settings) -> None:
        self.app = create_app(settings)
        self.store: RecordsStore = self.app.state.records
        assert self.store.start(), self.store.reason
        self.users: list[ApiUser] = []

    def add_account(self, email: str, role: str, password: str, staff_id: int | None = None) -> int:
        with self.store.session() as db:
            account = create_account(db, email, role, password, staff_id)
            db.commit()
            return account.id

    def user(self, email: str | None = None, password: str | None = None) -> ApiUser:
        user = ApiUser(self.app)
        self.users.append(user)
        if email and password:
            assert user.login(email, password).status_code == 200
        return user

    def close(self) -> None:
        for user in self.users:
            user.close()
        self.store.close()


class RecordsClient(ApiUser):
    """A records app with one browser, for the sign-in tests."""

    def __init__(self, settings: Settings) -> None:
        self.records = RecordsApp(settings)
        self.store = self.records.store
        super().__init__(self.records.app)

    def add_account(self, email: str, role: str, password: str, staff_id: int | None = None) -> int:
        return self.records.add_account(email, role, password, staff_id)

    def close(self) -> None:
        super().close()
        self.records.close()
