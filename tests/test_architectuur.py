"""The dependency rule: doorverwijzing may import aanbod, never the reverse."""

import ast
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def test_aanbod_importeert_doorverwijzing_nooit():
    overtredingen = []
    for pad in (BASE_DIR / "aanbod").rglob("*.py"):
        for knoop in ast.walk(ast.parse(pad.read_text())):
            namen = []
            if isinstance(knoop, ast.Import):
                namen = [alias.name for alias in knoop.names]
            elif isinstance(knoop, ast.ImportFrom) and knoop.module:
                namen = [knoop.module]
            overtredingen += [f"{pad.relative_to(BASE_DIR)}: {n}" for n in namen if n.split(".")[0] == "doorverwijzing"]
    assert overtredingen == []
