"""One data size of `make bench`: ``python tests/bench/meting.py <aanbod>`` → .data/bench-logs/meting-<aanbod>.json.

Runs in its own process because Django binds to one database at start-up: the parent (run.py)
starts one of these per size, with EMBEDDED_PGDATA pointing at that size's data dir. Steps: choose
the URLs from the data (detail slugs, the busiest organisation's inbox, referrals to act on), start
gunicorn as in production, measure sequential latency per endpoint, capture and replay the SQL of each
URL for the database floor, load at concurrency 1/8/32, time the full HSDS export with its peak RSS.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

from tests.bench.belasting import Verzoek, belast, stuur  # noqa: E402
from tests.bench.gegevens import omgeving  # noqa: E402

HERHALINGEN = int(os.environ.get("BENCH_HERHALINGEN", "10"))
BELASTING_SECONDEN = float(os.environ.get("BENCH_BELASTING_SECONDEN", "10"))
GELIJKTIJDIG = (1, 8, 32)
OVERGANGEN = int(os.environ.get("BENCH_OVERGANGEN", "40"))
CSRF = "benchmarkcsrftoken0123456789abcd"  # 32 characters from Django's alphabet

# ≥ 20 searches with a place and filters, spread over Flanders, in the vocabulary the generator uses
# (support-form concepts, generic aanbod names, synonyms from the glossary, one typo).
ZOEKVRAGEN = [
    "q=dementie&gemeente=Geel",
    "q=dementie&gemeente=2440&kostprijs=gratis",
    "q=respijtzorg&gemeente=Herentals",
    "q=schulden&gemeente=Gent",
    "q=schuldbemiddeling&gemeente=Antwerpen&toegang=zelf",
    "q=budgetbeheer&gemeente=Brugge",
    "q=opvoeding&gemeente=Leuven",
    "q=1G1P&gemeente=Turnhout",
    "q=DOP&gemeente=Mol",
    "q=zelfmoordlijn&gemeente=Hasselt",
    "q=CLB&gemeente=Kortrijk",
    "q=thuisverpleging&gemeente=Aalst&werkvorm=aan_huis",
    "q=mantelzorgers&gemeente=Mechelen&capaciteit=plaats_vrij",
    "q=kortverblijf&gemeente=Genk",
    "q=dementei&gemeente=Oostende",
    "q=psycholoog&gemeente=Roeselare&leeftijd=16",
    "q=jongeren&gemeente=Sint-Niklaas&taal=fr",
    "gemeente=Dendermonde&thema=mantelzorg&thema=dementie",
    "gemeente=Ieper&doelgroep=ouderen&kostprijs=gratis",
    "q=huisarts&gemeente=Lier&open_nu=true",
    "q=hulp+bij+schulden+en+wonen&gemeente=Tienen",
    "zone=kempenland&thema=armoede",
    "q=taalcafe&gemeente=Vilvoorde",
    "q=kledingbank&gemeente=2060",
]
API_VRAGEN = [
    "gemeente=Gent&page_size=50",
    "gemeente=Geel&kostprijs=gratis&page_size=50",
    "zone=kempenland&thema=mantelzorg&page_size=50",
    "q=dementie&gemeente=Leuven&page_size=50",
    "q=schulden&gemeente=Mol&toegang=zelf&page_size=50",
    "doelgroep=ouderen&gemeente=Brugge&page_size=50",
    "thema=opvoeding&capaciteit=plaats_vrij&gemeente=Hasselt&page_size=50",
    "gewijzigd_sinds=2000-01-01T00:00:00Z&page_size=50",
]
INBOX_VRAGEN = [
    "tab=nieuw",
    "tab=wacht",
    "tab=mijn",
    "tab=verstuurd",
    "tab=te_laat",
    "tab=nieuw&pagina=2",
    "tab=verstuurd&pagina=3",
    "tab=wacht&status=accepted",
]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _p(tijden: list[float], percentiel: float) -> float:
    if not tijden:
        return float("nan")
    tijden = sorted(tijden)
    index = min(len(tijden) - 1, max(0, round(percentiel / 100 * len(tijden)) - 1))
    return tijden[index]


def samenvatting(tijden: list[float], fouten: int) -> dict:
    return {
        "n": len(tijden),
        "p50": _p(tijden, 50),
        "p95": _p(tijden, 95),
        "p99": _p(tijden, 99),
        "fouten": fouten,
    }


# --- choosing what to request ------------------------------------------------------------------


def kies_detail_slugs(aantal: int = 20) -> list[str]:
    from aanbod.models import Aanbod

    ids = list(Aanbod.objects.zichtbaar().order_by("id").values_list("id", flat=True))
    stap = max(1, len(ids) // aantal)
    gekozen = ids[::stap][:aantal]
    return list(Aanbod.objects.filter(id__in=gekozen).order_by("id").values_list("slug", flat=True))


def kies_drukke_gebruiker():
    """A user of the organisation that receives most referrals: the heaviest realistic inbox."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from aanbod.models import Medewerker
    from doorverwijzing.models import Doorverwijzing

    met_leden = Medewerker.objects.values("organisatie_id")
    drukste = (
        Doorverwijzing.objects.filter(ontvanger_organisatie_id__in=met_leden)
        .values("ontvanger_organisatie_id")
        .annotate(n=Count("id"))
        .order_by("-n", "ontvanger_organisatie_id")
        .first()
    )
    org_id = drukste["ontvanger_organisatie_id"]
    user = get_user_model().objects.filter(medewerkerschappen__organisatie_id=org_id).order_by("id").first()
    return user, org_id, drukste["n"]


def sessie_voor(user) -> tuple[object, str]:
    """A logged-in test client (for the floor) and its session cookie (for the HTTP requests)."""
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client, client.cookies[settings.SESSION_COOKIE_NAME].value


# --- referrals to act on, restored afterwards -----------------------------------------------------

HERSTEL = "bench_herstel"


def herstel_overgangen() -> int:
    """Put the referrals the transition benchmark moved back as they were (also after a crash)."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as c:
        c.execute("SELECT to_regclass(%s) IS NOT NULL", [HERSTEL])
        if not c.fetchone()[0]:
            return 0
        c.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'doorverwijzing_doorverwijzing' "
            "AND column_name <> 'id' ORDER BY ordinal_position"
        )
        kolommen = [r[0] for r in c.fetchall()]
        lijst = ", ".join(f'"{k}"' for k in kolommen)
        # The event log is append-only by a trigger; in this throwaway benchmark database (and only here)
        # the undo of the benchmark's own events runs with triggers off.
        c.execute("SET LOCAL session_replication_role = replica")
        c.execute(f"DELETE FROM doorverwijzing_gebeurtenis WHERE id > (SELECT gebeurtenis FROM {HERSTEL}_grens)")
        c.execute(f"DELETE FROM doorverwijzing_melding WHERE id > (SELECT melding FROM {HERSTEL}_grens)")
        c.execute(
            f"UPDATE doorverwijzing_doorverwijzing d SET ({lijst}) = "
            f"(SELECT {', '.join(f'h.{k}' for k in lijst.split(', '))} FROM {HERSTEL} h WHERE h.id = d.id) "
            f"WHERE d.id IN (SELECT id FROM {HERSTEL})"
        )
        hersteld = c.rowcount
        c.execute(f"DROP TABLE {HERSTEL}, {HERSTEL}_grens")
    return hersteld


def kies_overgangen(org_id: int, aantal: int) -> list[tuple[str, str, dict]]:
    """``aantal`` POSTs the receiver may take: accept requested referrals, then start them.

    The referrals are saved to a table first, so herstel_overgangen() can undo every run and the
    data stays the same from one `make bench` to the next.
    """
    from django.db import connection

    from doorverwijzing.constants import Status
    from doorverwijzing.models import Doorverwijzing

    basis = Doorverwijzing.objects.filter(ontvanger_organisatie_id=org_id).order_by("id")
    gevraagd = list(basis.filter(status=Status.REQUESTED).values_list("id", "uuid")[: (aantal + 1) // 2])
    aanvaard = list(basis.filter(status=Status.ACCEPTED).values_list("id", "uuid")[: aantal - 2 * len(gevraagd)])
    ids = [i for i, _ in gevraagd + aanvaard]
    with connection.cursor() as c:
        c.execute(f"CREATE TABLE {HERSTEL} AS SELECT * FROM doorverwijzing_doorverwijzing WHERE id = ANY(%s)", [ids])
        c.execute(
            f"CREATE TABLE {HERSTEL}_grens AS SELECT "
            "(SELECT coalesce(max(id), 0) FROM doorverwijzing_gebeurtenis) AS gebeurtenis, "
            "(SELECT coalesce(max(id), 0) FROM doorverwijzing_melding) AS melding"
        )
    posts = [
        (f"/doorverwijzingen/{u}/aanvaarden/", "aanvaarden", {"verwachte_status": Status.REQUESTED})
        for _, u in gevraagd
    ]
    posts += [
        (f"/doorverwijzingen/{u}/starten/", "starten", {"verwachte_status": Status.ACCEPTED})
        for _, u in gevraagd + aanvaard
    ]
    return posts[:aantal]


# --- measuring ---------------------------------------------------------------------------------


def meet_reeks(poort: int, verzoeken: list[Verzoek], herhalingen: int) -> tuple[list[float], int, dict]:
    for verzoek in verzoeken:  # warm-up: caches, compiled templates, both workers' connections
        stuur(poort, verzoek)
        stuur(poort, verzoek)
    tijden, fouten, per_pad = [], 0, {}
    for _ in range(herhalingen):
        for verzoek in verzoeken:
            status, ms, _ = stuur(poort, verzoek)
            tijden.append(ms)
            per_pad.setdefault(verzoek.pad, []).append(ms)
            if status != 200:
                fouten += 1
    return tijden, fouten, per_pad


def eerste_lading(poort: int, pad: str) -> dict:
    """Bytes transferred (gzip) for the results page plus the CSS and JS it links: what a phone downloads."""
    import gzip
    import http.client

    def haal(p: str) -> tuple[bytes, dict]:
        verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
        try:
            verbinding.request("GET", p, headers={"Accept-Encoding": "gzip"})
            antwoord = verbinding.getresponse()
            return antwoord.read(), dict(antwoord.getheaders())
        finally:
            verbinding.close()

    html, kop = haal(pad)
    onderdelen = [(pad, len(html))]
    tekst = gzip.decompress(html).decode() if kop.get("Content-Encoding") == "gzip" else html.decode()
    for bron in re.findall(r'<(?:link[^>]+href|script[^>]+src)="(/[^"]+\.(?:css|js))"', tekst):
        onderdelen.append((bron, len(haal(bron)[0])))
    return {"kb": sum(n for _, n in onderdelen) / 1024, "onderdelen": onderdelen}


def meet_export(aanbod: int, soort: str) -> dict:
    """The full HSDS export as a separate process: services/s and its peak resident memory."""
    import psutil

    with tempfile.TemporaryDirectory() as map_:
        doel = Path(map_) / ("diensten.ndjson" if soort == "ndjson" else "pakket")
        args = [sys.executable, "manage.py", "exporteer_hsds", str(doel), *(["--json"] if soort == "ndjson" else [])]
        start = time.perf_counter()
        proces = subprocess.Popen(args, cwd=BASE_DIR, env=omgeving(aanbod), stdout=subprocess.PIPE, text=True)
        ps, piek, verloop = psutil.Process(proces.pid), 0, []
        while proces.poll() is None:
            try:
                rss = ps.memory_info().rss
            except psutil.NoSuchProcess:
                break
            piek = max(piek, rss)
            verloop.append(rss)
            time.sleep(0.05)
        uitvoer = proces.stdout.read()
        duur = time.perf_counter() - start
    if proces.returncode:
        raise RuntimeError(f"exporteer_hsds faalde ({proces.returncode}): {uitvoer[-2000:]}")
    gevonden = re.search(r"(\d+) diensten geëxporteerd .* in ([\d.]+) s \((\d+) diensten/s\)", uitvoer)
    diensten, seconden = int(gevonden.group(1)), float(gevonden.group(2))
    # RSS half-way and at the end of the export: flat memory means these hardly differ.
    midden = verloop[len(verloop) // 2] if verloop else 0
    return {
        "soort": soort,
        "diensten": diensten,
        "seconden": seconden,
        "per_seconde": diensten / seconden if seconden else 0.0,
        "wandklok_s": duur,
        "piek_rss_mib": piek / 2**20,
        "rss_midden_mib": midden / 2**20,
    }


def main(aanbod: int) -> dict:
    os.environ.update(omgeving(aanbod))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sociale_kaart.settings")
    import django

    django.setup()
    from django.test import Client

    from aanbod.models import Aanbod
    from doorverwijzing.models import Doorverwijzing
    from tests.bench.vloer import meet_vloer

    hersteld = herstel_overgangen()
    if hersteld:
        print(f"[bench {aanbod}] {hersteld} doorverwijzingen van een onderbroken run hersteld", flush=True)

    aantallen = {
        "aanbod": Aanbod.objects.count(),
        "zichtbaar": Aanbod.objects.zichtbaar().count(),
        "doorverwijzingen": Doorverwijzing.objects.count(),
    }
    slugs = kies_detail_slugs()
    user, org_id, inbox_grootte = kies_drukke_gebruiker()
    client, sessie = sessie_voor(user)
    anoniem = Client(HTTP_HOST="127.0.0.1")
    hsds_totaal = aantallen["zichtbaar"]
    laatste = max(1, -(-hsds_totaal // 50))
    hsds_paden = [
        "/api/hsds/services?page=1&per_page=50",
        "/api/hsds/services?page=2&per_page=50",
        f"/api/hsds/services?page={max(1, laatste // 2)}&per_page=50",
        f"/api/hsds/services?page={laatste}&per_page=50",
        "/api/hsds/services?search=dementie&per_page=50",
        "/api/hsds/services?postcode=9000&per_page=50",
        "/api/hsds/services?modified_after=2000-01-01T00:00:00Z&page=3&per_page=50",
    ]
    koek = {"Cookie": f"sessionid={sessie}; csrftoken={CSRF}"}
    eindpunten = {
        "zoeken": ([Verzoek(f"/zoeken/?{q}") for q in ZOEKVRAGEN], anoniem),
        "api_lijst": ([Verzoek(f"/api/v1/aanbod/?{q}") for q in API_VRAGEN], anoniem),
        "detail": ([Verzoek(f"/aanbod/{s}/") for s in slugs], anoniem),
        "hsds_services": ([Verzoek(p) for p in hsds_paden], anoniem),
        "inbox": ([Verzoek(f"/doorverwijzingen/?{q}", headers=koek) for q in INBOX_VRAGEN], client),
    }

    # How many results the fixed searches find here (a search that finds nothing measures little).
    treffers = {}
    for q in ZOEKVRAGEN:
        antwoord = anoniem.get(f"/api/v1/aanbod/?{q}&page_size=1")
        treffers[q] = antwoord.json().get("count") if antwoord.status_code == 200 else None

    # The database floor per URL, before the HTTP run (transitions: rolled back, so nothing is used up).
    vloeren: dict[str, list] = {}
    for naam, (verzoeken, wie) in eindpunten.items():
        vloeren[naam] = [meet_vloer(wie, "GET", v.pad) for v in verzoeken]
    overgangen = kies_overgangen(org_id, OVERGANGEN)
    vloeren["overgang"] = [meet_vloer(client, "POST", pad, data) for pad, _, data in overgangen[:10]]

    from django.db import connections

    connections.close_all()  # no idle connection of ours during the measurements

    poort = _vrije_poort()
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "sociale_kaart.wsgi:application",
            "--workers",
            os.environ.get("WEB_CONCURRENCY", "2"),
            "--bind",
            f"127.0.0.1:{poort}",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=omgeving(aanbod),
    )
    resultaat: dict = {"aanbod": aanbod, "aantallen": aantallen, "inbox_grootte": inbox_grootte, "treffers": treffers}
    try:
        for _ in range(300):
            if stuur(poort, Verzoek("/"))[0] == 200:
                break
            time.sleep(0.2)
        metingen = {}
        for naam, (verzoeken, _wie) in eindpunten.items():
            tijden, fouten, per_pad = meet_reeks(poort, verzoeken, HERHALINGEN)
            metingen[naam] = {**samenvatting(tijden, fouten), "per_pad_p50": {p: _p(t, 50) for p, t in per_pad.items()}}
            print(f"[bench {aanbod}] {naam}: p95 {metingen[naam]['p95']:.1f} ms", flush=True)

        # Transitions: each POST moves one referral, so each is measured once (302 to the detail page).
        tijden, fouten = [], 0
        for pad, _actie, data in overgangen:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF}).encode()
            headers = {**koek, "Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": CSRF}
            status, ms, _ = stuur(poort, Verzoek(pad, "POST", body, headers))
            tijden.append(ms)
            if status != 302:
                fouten += 1
        metingen["overgang"] = samenvatting(tijden, fouten)
        print(f"[bench {aanbod}] overgang: p95 {metingen['overgang']['p95']:.1f} ms", flush=True)

        for naam, lijst in vloeren.items():
            ms = [v.ms for v in lijst]
            duurste = max(lijst, key=lambda v: v.duurste_ms)
            metingen[naam]["vloer"] = {
                "p50": _p(ms, 50),
                "p95": _p(ms, 95),
                "statements_mediaan": statistics.median(v.statements for v in lijst),
                "statements_max": max(v.statements for v in lijst),
                "duurste_sql": duurste.duurste,
                "duurste_ms": duurste.duurste_ms,
                "duurste_pad": duurste.pad,
            }
        resultaat["metingen"] = metingen

        resultaat["eerste_lading"] = eerste_lading(poort, f"/zoeken/?{ZOEKVRAGEN[0]}")
        if os.environ.get("BENCH_GIDS") == "1":
            # The printable guide of one zone: first rendering, then from the cache.
            gids = f"/zones/{os.environ.get('BENCH_GIDS_ZONE', 'kempenland')}/gids.pdf"
            resultaat["gids_ms"] = [stuur(poort, Verzoek(gids), timeout=300)[1] for _ in range(2)]

        gemengd = [
            v for naam in ("zoeken", "api_lijst", "detail", "hsds_services", "inbox") for v in eindpunten[naam][0]
        ]
        resultaat["belasting"] = []
        for n in GELIJKTIJDIG:
            b = belast(poort, gemengd, n, BELASTING_SECONDEN)
            resultaat["belasting"].append(
                {
                    "gelijktijdig": n,
                    "per_seconde": b.per_seconde,
                    "verzoeken": b.verzoeken,
                    "fouten": b.fouten,
                    "p50": _p(b.tijden_ms, 50),
                    "p95": _p(b.tijden_ms, 95),
                }
            )
            print(f"[bench {aanbod}] {n} gelijktijdig: {b.per_seconde:.1f} verzoeken/s, {b.fouten} fouten", flush=True)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=60)
        hersteld = herstel_overgangen()
        print(f"[bench {aanbod}] {hersteld} doorverwijzingen teruggezet", flush=True)

    resultaat["export"] = [meet_export(aanbod, "ndjson"), meet_export(aanbod, "csv")]
    for e in resultaat["export"]:
        print(
            f"[bench {aanbod}] export {e['soort']}: {e['per_seconde']:.0f} diensten/s, piek {e['piek_rss_mib']:.0f} MiB"
        )
    return resultaat


if __name__ == "__main__":
    grootte = int(sys.argv[1])
    uit = BASE_DIR / ".data" / "bench-logs" / f"meting-{grootte}.json"
    uit.parent.mkdir(parents=True, exist_ok=True)
    uit.write_text(json.dumps(main(grootte), indent=1, default=str))
