"""`make bench`: latency of the public pages under gunicorn, as in production, on the demo data.

Starts its own embedded PostgreSQL (.data/bench) and gunicorn (2 workers, DEBUG off, compressed
manifest static files), measures sequential requests on loopback, writes docs/benchmarks.md and exits
non-zero when a budget is missed. Not a test: timings are never asserted inside `make test`.
"""

from __future__ import annotations

import gzip
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

BASE_DIR = Path(__file__).resolve().parents[2]
PGDATA = BASE_DIR / ".data" / "bench"
HERHALINGEN = int(os.environ.get("BENCH_HERHALINGEN", "15"))

# ≥ 20 realistic searches with a place and filters (issue 4); the budget is per request, p95.
ZOEKVRAGEN = [
    "q=dementie&gemeente=Geel",
    "q=dementie&gemeente=2440&kostprijs=gratis",
    "q=respijtzorg&gemeente=Herentals",
    "q=schulden&gemeente=Turnhout",
    "q=schulden&gemeente=Turnhout&toegang=zelf",
    "q=opvoedingsvragen&gemeente=Mol",
    "q=1G1P&gemeente=Turnhout",
    "q=DOP&gemeente=Mol",
    "q=zelfmoordgedachten&gemeente=Geel",
    "q=CLB&gemeente=Westerlo",
    "q=budgetbeheer&gemeente=Arendonk",
    "q=thuisverpleging&gemeente=Kasterlee&werkvorm=aan_huis",
    "q=mantelzorg&gemeente=Balen&capaciteit=plaats_vrij",
    "q=kortverblijf&gemeente=Herentals",
    "q=dementei&gemeente=Geel",
    "q=psycholoog&gemeente=Turnhout&leeftijd=16",
    "q=jongeren&gemeente=Geel&taal=fr",
    "gemeente=Turnhout&thema=mantelzorg&thema=dementie",
    "gemeente=Mol&doelgroep=ouderen&kostprijs=gratis",
    "q=huisarts&gemeente=Olen&open_nu=true",
    "q=hulp+bij+schulden+en+wonen&gemeente=Hoogstraten",
    "zone=kempenland&thema=armoede",
]
API_VRAGEN = [
    "gemeente=Turnhout&page_size=50",
    "gemeente=Geel&kostprijs=gratis&page_size=50",
    "zone=kempenland&thema=mantelzorg&page_size=50",
    "q=dementie&gemeente=Geel&page_size=50",
    "q=schulden&gemeente=Mol&toegang=zelf&page_size=50",
    "doelgroep=ouderen&gemeente=Herentals&page_size=50",
    "gewijzigd_sinds=2000-01-01T00:00:00Z&page_size=50",
]
BUDGETTEN_MS = {"zoeken": 80.0, "detail": 40.0, "api": 60.0}
BUDGET_EERSTE_LADING_KB = 150.0


@dataclass
class Meting:
    naam: str
    tijden_ms: list[float]
    budget_ms: float | None = None

    def p(self, percentiel: float) -> float:
        tijden = sorted(self.tijden_ms)
        index = min(len(tijden) - 1, max(0, round(percentiel / 100 * len(tijden)) - 1))
        return tijden[index]

    @property
    def gehaald(self) -> bool:
        return self.budget_ms is None or self.p(95) <= self.budget_ms


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _omgeving() -> dict:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMBEDDED_POSTGRES": "1",
        "EMBEDDED_PGDATA": str(PGDATA),
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "API_ANON_RATE": "1000000/minute",  # measure the API, not the throttle
        # Shared between the gunicorn workers, as recommended for production (README).
        "CACHE_URL": f"filecache://{BASE_DIR / '.data' / 'bench-cache'}",
    }
    env.pop("DATABASE_URL", None)
    return env


def _manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=_omgeving(), check=True)


def _haal(url: str, gzip_ok: bool = False) -> tuple[float, bytes, dict]:
    verzoek = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    start = time.perf_counter()
    with urllib.request.urlopen(verzoek, timeout=30) as antwoord:
        inhoud = antwoord.read()
        duur = (time.perf_counter() - start) * 1000
        if antwoord.status != 200:
            raise RuntimeError(f"{url}: {antwoord.status}")
        return duur, inhoud, dict(antwoord.headers)


def meet(naam: str, urls: list[str], budget: float | None) -> Meting:
    for url in urls:  # warm-up: connection, caches, compiled templates
        _haal(url)
    tijden = [_haal(url)[0] for _ in range(HERHALINGEN) for url in urls]
    return Meting(naam, tijden, budget)


def eerste_lading_kb(basis: str, pad: str) -> tuple[float, list[tuple[str, int]]]:
    """Bytes transferred (gzip) for the HTML plus the CSS and JS it links: what a phone downloads."""
    _, html, kop = _haal(basis + pad, gzip_ok=True)
    onderdelen = [(pad, len(html))]
    tekst = gzip.decompress(html).decode() if kop.get("Content-Encoding") == "gzip" else html.decode()
    for bron in re.findall(r'<(?:link[^>]+href|script[^>]+src)="([^"]+\.(?:css|js))"', tekst):
        _, inhoud, _ = _haal(urljoin(basis + pad, bron), gzip_ok=True)
        onderdelen.append((bron, len(inhoud)))
    return sum(n for _, n in onderdelen) / 1024, onderdelen


def schrijf_verslag(metingen: list[Meting], kb: float, onderdelen, aantallen: dict) -> None:
    regels = [
        "# Benchmarks",
        "",
        f"Laatste run: {time.strftime('%Y-%m-%d %H:%M')} op {platform.node()} "
        f"({os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}), "
        "gunicorn met 2 sync workers, DEBUG uit, ingebouwde PostgreSQL 18, loopback, opeenvolgende verzoeken.",
        f"Gegevens: demo-dataset ({aantallen['aanbod']} aanbod, {aantallen['organisaties']} organisaties). "
        f"{HERHALINGEN} herhalingen per URL na opwarming.",
        "",
        "| meting | verzoeken | p50 (ms) | p95 (ms) | p99 (ms) | budget p95 (ms) | gehaald |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for m in metingen:
        regels.append(
            f"| {m.naam} | {len(m.tijden_ms)} | {m.p(50):.1f} | {m.p(95):.1f} | {m.p(99):.1f} | "
            f"{m.budget_ms or '—'} | {'ja' if m.gehaald else '**nee**'} |"
        )
    regels += [
        "",
        f"Eerste lading van de resultatenpagina (HTML + CSS + JS, gzip, zonder kaarttegels): **{kb:.1f} KB** "
        f"(budget {BUDGET_EERSTE_LADING_KB:.0f} KB){'' if kb <= BUDGET_EERSTE_LADING_KB else ' — **overschreden**'}.",
        "",
        *[f"- `{bron}`: {n / 1024:.1f} KB" for bron, n in onderdelen],
        "",
        "De kaart (Leaflet, ~45 KB gzip) laadt pas als iemand op \u201cToon op de kaart\u201d klikt.",
        "",
        "Zoekvragen: " + ", ".join(f"`{q}`" for q in ZOEKVRAGEN) + ".",
    ]
    (BASE_DIR / "docs" / "benchmarks.md").write_text("\n".join(regels) + "\n")


def main() -> int:
    sys.path.insert(0, str(BASE_DIR))
    from sociale_kaart.db import start_embedded_server

    start_embedded_server(PGDATA)  # hold the server for the whole run
    _manage("migrate", "--noinput", "-v0")
    _manage("laad_referentiedata")
    _manage("laad_demodata")
    _manage("collectstatic", "--noinput", "-v0")

    poort = _vrije_poort()
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "sociale_kaart.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{poort}",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=_omgeving(),
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(100):
            try:
                _haal(basis + "/")
                break
            except OSError:
                time.sleep(0.2)
        import django

        os.environ.update(_omgeving())
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sociale_kaart.settings")
        django.setup()
        from aanbod.models import Aanbod, Organisatie

        slugs = list(Aanbod.objects.actief().order_by("id").values_list("slug", flat=True)[:20])
        aantallen = {"aanbod": Aanbod.objects.count(), "organisaties": Organisatie.objects.count()}
        metingen = [
            meet(
                "zoeken (resultatenpagina, 22 zoekvragen)",
                [f"{basis}/zoeken/?{q}" for q in ZOEKVRAGEN],
                BUDGETTEN_MS["zoeken"],
            ),
            meet("aanbod detail (20 pagina's)", [f"{basis}/aanbod/{s}/" for s in slugs], BUDGETTEN_MS["detail"]),
            meet("home", [f"{basis}/"], None),
            meet(
                "API /api/v1/aanbod/ (gefilterde pagina's van 50)",
                [f"{basis}/api/v1/aanbod/?{q}" for q in API_VRAGEN],
                BUDGETTEN_MS["api"],
            ),
        ]
        kb, onderdelen = eerste_lading_kb(basis, "/zoeken/?q=dementie&gemeente=Geel")
        # The guide of the largest demo zone: once rendered, then from the cache.
        gids_url = f"{basis}/zones/kempenland/gids.pdf"
        metingen.append(Meting("welzijnsgids Kempenland (PDF, eerste keer)", [_haal(gids_url)[0]], 10_000.0))
        metingen.append(Meting("welzijnsgids Kempenland (PDF, uit cache)", [_haal(gids_url)[0]], None))
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    schrijf_verslag(metingen, kb, onderdelen, aantallen)
    print((BASE_DIR / "docs" / "benchmarks.md").read_text())
    gehaald = all(m.gehaald for m in metingen) and kb <= BUDGET_EERSTE_LADING_KB
    return 0 if gehaald else 1


if __name__ == "__main__":
    sys.exit(main())
