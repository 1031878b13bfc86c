"""`make test`: fail on a known vulnerability in an installed package when a fixed version exists.

pip-audit has no flag for "only vulnerabilities with a fix", so this runs it with ``--format json`` and
judges the report. Vulnerabilities without a fix are listed but do not fail the build (nothing to
upgrade to; docs/security.md). When the vulnerability service cannot be reached the check warns and
passes: a build must not depend on the network being up.

Usage: ``python tests/pip_audit_controle.py`` (with the project's virtualenv's python).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

TIJDSLIMIET = 300


def beoordeel(rapport: dict) -> tuple[list[str], list[str]]:
    """``(with a fix, without a fix)``: one line per vulnerability, e.g. ``django 5.2.1 GHSA-… → 5.2.2``."""
    met_fix, zonder_fix = [], []
    for pakket in rapport.get("dependencies", []):
        for lek in pakket.get("vulns", []):
            regel = f"{pakket['name']} {pakket['version']} {lek['id']}"
            if lek.get("fix_versions"):
                met_fix.append(f"{regel} → {', '.join(lek['fix_versions'])}")
            else:
                zonder_fix.append(f"{regel} (nog geen oplossing)")
    return met_fix, zonder_fix


def pip_audit_uitvoeren() -> dict | None:
    """The JSON report, or None (with a warning printed) when pip-audit could not ask the service."""
    pip_audit = shutil.which("pip-audit", path=str(Path(sys.executable).parent)) or shutil.which("pip-audit")
    if pip_audit is None:
        print("pip-audit ontbreekt: installeer de test-extra (pip install -e '.[test]').", file=sys.stderr)
        sys.exit(2)
    try:
        uitvoer = subprocess.run(
            [pip_audit, "--format", "json", "--progress-spinner", "off", "--skip-editable"],
            capture_output=True,
            text=True,
            timeout=TIJDSLIMIET,
        )
    except subprocess.TimeoutExpired:
        print(f"WAARSCHUWING: pip-audit antwoordde niet binnen {TIJDSLIMIET} s; niet gecontroleerd.", file=sys.stderr)
        return None
    try:
        return json.loads(uitvoer.stdout)
    except json.JSONDecodeError:
        # No report: typically the vulnerability service or PyPI is unreachable (offline build).
        laatste = (uitvoer.stderr.strip().splitlines() or ["(geen uitvoer)"])[-1]
        print(
            f"WAARSCHUWING: pip-audit kon de kwetsbaarheden niet ophalen (offline?); niet gecontroleerd.\n  {laatste}",
            file=sys.stderr,
        )
        return None


def main() -> int:
    rapport = pip_audit_uitvoeren()
    if rapport is None:
        return 0
    met_fix, zonder_fix = beoordeel(rapport)
    aantal = len(rapport.get("dependencies", []))
    for regel in zonder_fix:
        print(f"pip-audit: bekend, zonder oplossing: {regel}")
    if met_fix:
        print("pip-audit: bekende kwetsbaarheden waarvoor een nieuwere versie bestaat:", file=sys.stderr)
        for regel in met_fix:
            print(f"  {regel}", file=sys.stderr)
        print("Werk deze pakketten bij (pyproject.toml) en draai `make install`.", file=sys.stderr)
        return 1
    print(f"pip-audit: {aantal} pakketten, geen bekende kwetsbaarheden met een oplossing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
