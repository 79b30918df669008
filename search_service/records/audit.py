"""The audit log: who (account id and role) changed what (entity and id) and when. Never names or free text."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from search_service.records.auth import utcnow
from search_service.records.models import AuditEntry


def record(
    db: Session,
    actor_account_id: int | None,
    actor_role: str,
    action: str,
    entity: str,
    entity_id: object = None,
    **detail: object,
) -> None:
    db.add(
        AuditEntry(
            at=utcnow(),
            actor_account_id=actor_account_id,
            actor_role=actor_role,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            detail=json.dumps(detail, default=str, sort_keys=True) if detail else "",
        )
    )
