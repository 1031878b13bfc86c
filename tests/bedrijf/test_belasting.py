"""Load: mixed traffic (search, detail, API, referral actions) at concurrency 32 against gunicorn on
loopback, with 0 errors and bounded memory growth per worker.

`make test` runs it for ~50 s; `make soak` for 10 minutes (BELASTING_SECONDEN=600), same code.
"""

import os
import time

import psutil
import pytest

from tests.bedrijf.omgeving import consistentie, gunicorn, proefdoorverwijzingen
from tests.bedrijf.verkeer import Verkeer, slugs, token_voor

pytestmark = pytest.mark.traag

SECONDEN = float(os.environ.get("BELASTING_SECONDEN", "50"))
GELIJKTIJDIG = int(os.environ.get("BELASTING_GELIJKTIJDIG", "32"))
WORKERS = int(os.environ.get("BELASTING_WORKERS", "2"))
OPWARMEN_S = 5.0
# Growth of one worker's resident memory from the end of the warm-up to the end of the run.
MAX_GROEI_MB = float(os.environ.get("BELASTING_MAX_GROEI_MB", "60"))


def _rss_mb(pids: list[int]) -> dict[int, float]:
    return {pid: psutil.Process(pid).memory_info().rss / 1024 / 1024 for pid in pids}


def _p(waarden: list[float], percentiel: float) -> float:
    waarden = sorted(waarden)
    return waarden[min(len(waarden) - 1, int(len(waarden) * percentiel / 100))] if waarden else 0.0


def test_gemengd_verkeer_zonder_fouten_en_zonder_geheugengroei(cluster, artefacten):
    database = cluster.kopie("bedrijf_belasting")
    with cluster.verbind(database) as conn:
        doorverwijzingen = [u for u, _ in proefdoorverwijzingen(conn)][:GELIJKTIJDIG]
        aanbod = slugs(conn)
    log = artefacten / "bedrijf-belasting-gunicorn.log"
    with gunicorn(cluster.url(database), workers=WORKERS, log=log) as (basis, proces):
        token = token_voor(basis, "ontvanger")
        verkeer = Verkeer(basis, token, aanbod, doorverwijzingen)
        verkeer.start(GELIJKTIJDIG)
        try:
            time.sleep(OPWARMEN_S)
            workers = sorted(c.pid for c in psutil.Process(proces.pid).children())
            begin_rss = _rss_mb(workers)
            begin = time.monotonic()
            time.sleep(SECONDEN)
            eind_rss = _rss_mb(workers)
            eind = time.monotonic()
        finally:
            verkeer.stop()
        assert sorted(c.pid for c in psutil.Process(proces.pid).children()) == workers, "een worker werd herstart"

    antwoorden = verkeer.antwoorden
    gemeten = [a for a in antwoorden if a.begin >= begin and a.einde <= eind]
    per_soort = {
        soort: [1000 * (a.einde - a.begin) for a in gemeten if a.soort == soort] for soort in {a.soort for a in gemeten}
    }
    verslag = (
        f"{len(gemeten)} verzoeken in {eind - begin:.0f} s ({len(gemeten) / (eind - begin):.1f}/s), "
        f"{GELIJKTIJDIG} gelijktijdig, {WORKERS} workers; p95 (ms): "
        + ", ".join(f"{s} {_p(t, 95):.0f}" for s, t in sorted(per_soort.items()))
        + "; RSS (MB): "
        + ", ".join(f"{begin_rss[p]:.0f}→{eind_rss[p]:.0f}" for p in workers)
    )
    print(verslag)
    (artefacten / "bedrijf-belasting.txt").write_text(verslag + "\n")

    fouten = [a for a in antwoorden if a.status != 200]
    assert not fouten, [(a.soort, a.status, a.fout, a.inhoud[:200]) for a in fouten[:10]]
    assert set(per_soort) == {"zoeken", "detail", "api", "api_doorverwijzing", "overgang"}
    assert sum(verkeer.overgangen_ok.values()) >= GELIJKTIJDIG // 2
    for pid in workers:
        assert eind_rss[pid] - begin_rss[pid] <= MAX_GROEI_MB, verslag
    with cluster.verbind(database) as conn:
        assert consistentie(conn, doorverwijzingen) == []
