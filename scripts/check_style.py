"""Plain-English checks for content pages: long sentences, banned phrases, personal emails.

Usage: python scripts/check_style.py content/needs/semh/anxiety.md [more files...]
Prints one line per problem and exits 1 if there are any.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MAX_WORDS = 19
BANNED = {
    r"\bsuffers? from\b": "needs-led language: say 'has' or describe the need",
    r"\bsuffering\b": "needs-led language",
    r"wheelchair[- ]bound": "say 'wheelchair user'",
    r"confined to a wheelchair": "say 'wheelchair user'",
    r"\bSENDCo\b|\bSENCo\b|\bSENDCO\b": "write SENCO",
    r"\bnormal (children|pupils|kids)\b": "say 'other pupils' or 'their peers'",
    r"\bafflicted\b": "needs-led language",
    r"\bhigh[- ]functioning\b": "describe needs, not functioning labels",
    r"\blow[- ]functioning\b": "describe needs, not functioning labels",
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}": "no email addresses",
}


def body_of(text: str) -> str:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :]
    return text


def prose_lines(body: str) -> list[tuple[int, str]]:
    out = []
    in_code = False
    for number, line in enumerate(body.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("```"):
            in_code = not in_code
            continue
        if in_code or not stripped or stripped.startswith(("|", "#", "<", "!!!", "???", "*[")):
            continue
        out.append((number, stripped))
    return out


def sentences(line: str) -> list[str]:
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links -> text
    line = re.sub(r"^[-*+]\s+|^\d+\.\s+", "", line)
    line = line.replace("**", "").replace("*", "").replace("`", "")
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9'\"‘“(])", line)
    return [p for p in parts if p.strip()]


def check(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    problems = []
    body = body_of(text)
    for pattern, why in BANNED.items():
        # Emails are checked everywhere; wording only in the body (front matter aliases list what people type).
        where = text if "@" in pattern else body
        for match in re.finditer(pattern, where, flags=re.IGNORECASE if "SEN" not in pattern else 0):
            problems.append(f"{path}: '{match.group(0)}': {why}")
    for number, line in prose_lines(body):
        for sentence in sentences(line):
            words = len(sentence.split())
            if words > MAX_WORDS:
                problems.append(f"{path}: body line {number}: {words} words: {sentence[:90]}...")
    return problems


def main(argv: list[str]) -> int:
    problems = [p for arg in argv for p in check(Path(arg))]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
