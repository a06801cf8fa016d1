"""`python -m legwise.kb`: load and check the knowledge base, print every problem."""

import sys

from legwise.errors import KnowledgeError
from legwise.kb.loader import load_knowledge

try:
    kb = load_knowledge()
except KnowledgeError as exc:
    print(exc)
    sys.exit(1)
print(
    f"ok: {len(kb.conditions)} conditions, {len(kb.findings)} findings, "
    f"{sum(len(v) for v in kb.links.values())} links, {len(kb.rules)} rules, "
    f"{len(kb.advice)} advice, {len(kb.scores)} scores, {len(kb.sources)} sources; "
    f"version {kb.version}"
)
