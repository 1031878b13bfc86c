"""The pip-audit gate of `make test`: fails only on known vulnerabilities that have a fix, and warns
instead of failing when the vulnerability service is unreachable."""

from tests import pip_audit_controle


def _rapport(*vulns):
    return {
        "dependencies": [
            {"name": "veilig", "version": "1.0", "vulns": []},
            {"name": "lek", "version": "2.0", "vulns": list(vulns)},
        ],
        "fixes": [],
    }


def test_een_kwetsbaarheid_met_oplossing_doet_de_build_falen(monkeypatch, capsys):
    rapport = _rapport({"id": "GHSA-1234", "fix_versions": ["2.0.1"], "aliases": [], "description": "x"})
    assert pip_audit_controle.beoordeel(rapport) == (["lek 2.0 GHSA-1234 → 2.0.1"], [])
    monkeypatch.setattr(pip_audit_controle, "pip_audit_uitvoeren", lambda: rapport)
    assert pip_audit_controle.main() == 1
    assert "GHSA-1234" in capsys.readouterr().err


def test_een_kwetsbaarheid_zonder_oplossing_wordt_gemeld_maar_faalt_niet(monkeypatch, capsys):
    rapport = _rapport({"id": "PYSEC-9", "fix_versions": [], "aliases": [], "description": "x"})
    monkeypatch.setattr(pip_audit_controle, "pip_audit_uitvoeren", lambda: rapport)
    assert pip_audit_controle.main() == 0
    assert "PYSEC-9" in capsys.readouterr().out


def test_onbereikbare_dienst_geeft_een_waarschuwing_en_geen_fout(monkeypatch, tmp_path, capsys):
    nep = tmp_path / "pip-audit"
    nep.write_text("#!/bin/sh\necho 'requests.exceptions.ConnectionError: pypi.org unreachable' >&2\nexit 1\n")
    nep.chmod(0o755)
    monkeypatch.setattr(pip_audit_controle.shutil, "which", lambda *a, **k: str(nep))
    assert pip_audit_controle.main() == 0
    assert "WAARSCHUWING" in capsys.readouterr().err
