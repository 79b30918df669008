"""Request and response shapes of the public API (see contract/api.md)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from handbook.schema import Phase  # the phases of education, with their labels: one list, in handbook/schema.py

ConfidenceLevel = Literal["high", "low", "none"]
MIN_DESCRIPTION = 3
MAX_DESCRIPTION = 1000


def clean_text(value: str) -> str:
    """Trim, drop control characters (keeping line breaks as spaces) and collapse whitespace."""
    printable = "".join(ch if ch.isprintable() else " " for ch in value)
    return " ".join(printable.split())


class SuggestRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"description": "struggles with listening in class", "phase": "primary", "limit": 3}]
        },
    )

    description: str = Field(
        ...,
        description="What the adult notices, in their own words. 3 to 1000 characters after trimming. "
        "Do not include the pupil's name.",
    )
    phase: Phase | None = Field(None, description=f"Optional: {', '.join(p.value for p in Phase)}")
    limit: int = Field(5, ge=1, le=10, description="How many needs to return (1 to 10)")

    @field_validator("description", mode="before")
    @classmethod
    def description_is_text(cls, value: object) -> object:
        if not isinstance(value, str):
            raise ValueError('must be text, for example "struggles with listening in class"')
        return value

    @field_validator("description")
    @classmethod
    def description_length(cls, value: str) -> str:
        cleaned = clean_text(value)
        if len(cleaned) < MIN_DESCRIPTION:
            raise ValueError(f"is too short: describe what you notice in at least {MIN_DESCRIPTION} characters")
        if len(cleaned) > MAX_DESCRIPTION:
            raise ValueError(f"is too long: keep it under {MAX_DESCRIPTION} characters ({len(cleaned)} given)")
        return cleaned


class Strategy(BaseModel):
    text: str
    title: str = ""
    url: str
    phase: str | None = None


class Strategies(BaseModel):
    wave1: list[Strategy]
    wave2: list[Strategy]
    wave3: list[Strategy]


class Matched(BaseModel):
    section: str
    text: str
    url: str


class NeedSuggestion(BaseModel):
    slug: str
    title: str
    area: str
    url: str
    description: str
    score: float
    matched: Matched | None
    strategies: Strategies


class TrainingRef(BaseModel):
    id: str
    title: str
    url: str
    category: str | None = None
    duration_minutes: int | None = None


class ServiceRef(BaseModel):
    id: str
    title: str
    url: str


class Clarification(BaseModel):
    slug: str
    title: str
    question: str = Field(description="a short everyday question that tells this need apart from the others")


class SuggestResponse(BaseModel):
    needs: list[NeedSuggestion]
    training: list[TrainingRef]
    services: list[ServiceRef]
    safeguarding: bool = Field(description="true when the description suggests a pupil may be at risk of harm")
    safeguarding_steps: list[str] = Field(
        description="when safeguarding is true, the steps every adult takes now, in order; otherwise empty"
    )
    confidence: ConfidenceLevel = Field(
        description="high: a clear best match; low: several needs fit about equally (see clarify); "
        "none: nothing in the handbook matches, or the text is not in English"
    )
    clarify: list[Clarification] = Field(
        description="when confidence is low, 2 to 4 needs with a question that tells them apart; otherwise empty"
    )
    notice: str | None = Field(None, description="a sentence for the person, for example that the text is not English")
    phase: str | None = None


class SearchResult(BaseModel):
    title: str
    section: str
    url: str
    text: str
    score: float
    area: str | None
    need: str | None
    wave: int | None
    kind: str


class SearchResponse(BaseModel):
    results: list[SearchResult]


class TrainingModule(BaseModel):
    id: str
    title: str
    url: str
    description: str | None = None
    category: str | None = None
    audience: list[str] | None = None
    required_for: list[str] | None = None
    recommended_for: list[str] | None = None
    duration_minutes: int | None = None
    format: str | None = None
    prerequisites: list[str] | None = None
    refresher_months: int | None = None
    needs: list[str] | None = None
    services: list[str] | None = None


class TrainingResponse(BaseModel):
    modules: list[TrainingModule]


class Problem(BaseModel):
    detail: str
