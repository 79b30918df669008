"""The fixed list of need topics (contract/needs.yaml): slugs, areas and scopes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from handbook.errors import ContentError
from handbook.yaml_loader import load_yaml


@dataclass(frozen=True)
class Need:
    slug: str
    area: str
    scope: str


@dataclass(frozen=True)
class NeedsContract:
    areas: dict[str, str]
    needs: tuple[Need, ...]

    @property
    def slugs(self) -> list[str]:
        return [need.slug for need in self.needs]

    def need(self, slug: str) -> Need:
        for need in self.needs:
            if need.slug == slug:
                return need
        raise KeyError(slug)


@cache
def load_contract(path: Path) -> NeedsContract:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        areas = {str(k): str(v) for k, v in data["areas"].items()}
        needs = tuple(Need(str(n["slug"]), str(n["area"]), str(n["scope"])) for n in data["needs"])
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        raise ContentError(str(path), f"cannot read the needs contract ({error})") from error
    for need in needs:
        if need.area not in areas:
            raise ContentError(str(path), f"need '{need.slug}' has unknown area '{need.area}'")
    return NeedsContract(areas=areas, needs=needs)
