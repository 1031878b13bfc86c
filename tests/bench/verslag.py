"""docs/benchmarks.md and docs/img/bench-latentie.png from the per-size results of tests/bench/meting.py."""

from __future__ import annotations

import os
import platform
import subprocess
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# p95 budgets in ms (issue 8), checked at every size; the HSDS pages have none of their own.
BUDGETTEN_MS = {"zoeken": 80.0, "api_lijst": 60.0, "detail": 40.0, "inbox": 80.0, "overgang": 50.0}
MAX_VERHOUDING = 3.0  # p95 latency ≤ 3 × p95 database floor
EXPORT_MIN_PER_SECONDE = 2000.0  # at the largest size
# Flat memory: the export's peak RSS at the largest size at most this much above the smallest's.
EXPORT_MAX_GROEI_MIB = 64.0
BUDGET_EERSTE_LADING_KB = 150.0
BUDGET_GIDS_MS = 10_000.0

NAMEN = {
    "zoeken": "zoeken (HTML-resultatenpagina)",
    "api_lijst": "API /api/v1/aanbod/ (gefilterd, 50 per pagina)",
    "detail": "aanbod detail (HTML)",
    "hsds_services": "HSDS /api/hsds/services (50 per pagina)",
    "inbox": "inbox /doorverwijzingen/ (drukste organisatie)",
    "overgang": "overgang (POST aanvaarden/starten)",
}


def machine() -> dict:
    cpu = "onbekend"
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                cpu = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        ram = f"{psutil.virtual_memory().total / 2**30:.0f} GiB"
    except ImportError:
        ram = "?"
    from sociale_kaart.db import embedded_bin_dir

    try:
        pg = subprocess.run(
            [str(embedded_bin_dir() / "postgres"), "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pg = "PostgreSQL (ingebouwd)"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "postgres": pg,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "host": platform.node(),
    }


def toets(resultaten: list[dict]) -> list[str]:
    """Every missed budget, in words; empty when all are met."""
    missers = []
    for r in resultaten:
        for naam, budget in BUDGETTEN_MS.items():
            m = r["metingen"][naam]
            if m["p95"] > budget:
                missers.append(f"{r['aanbod']} aanbod: {naam} p95 {m['p95']:.1f} ms > {budget:.0f} ms")
            vloer = m["vloer"]["p95"]
            if vloer and m["p95"] / vloer > MAX_VERHOUDING:
                missers.append(
                    f"{r['aanbod']} aanbod: {naam} p95/vloer {m['p95'] / vloer:.1f}× > {MAX_VERHOUDING:.0f}×"
                )
        for naam, m in r["metingen"].items():
            if m["fouten"]:
                missers.append(f"{r['aanbod']} aanbod: {naam} {m['fouten']} fouten")
        for b in r["belasting"]:
            if b["fouten"]:
                missers.append(f"{r['aanbod']} aanbod: {b['fouten']} fouten bij {b['gelijktijdig']} gelijktijdig")
        if r["eerste_lading"]["kb"] > BUDGET_EERSTE_LADING_KB:
            missers.append(f"{r['aanbod']} aanbod: eerste lading {r['eerste_lading']['kb']:.0f} KB")
        if r.get("gids_ms") and r["gids_ms"][0] > BUDGET_GIDS_MS:
            missers.append(f"{r['aanbod']} aanbod: welzijnsgids {r['gids_ms'][0]:.0f} ms")
    grootste, kleinste = max(resultaten, key=lambda r: r["aanbod"]), min(resultaten, key=lambda r: r["aanbod"])
    for export in grootste["export"]:
        if export["per_seconde"] < EXPORT_MIN_PER_SECONDE:
            missers.append(
                f"{grootste['aanbod']} aanbod: HSDS-export {export['soort']} {export['per_seconde']:.0f} diensten/s "
                f"< {EXPORT_MIN_PER_SECONDE:.0f}"
            )
        klein = next(e for e in kleinste["export"] if e["soort"] == export["soort"])
        if len(resultaten) > 1 and export["piek_rss_mib"] - klein["piek_rss_mib"] > EXPORT_MAX_GROEI_MIB:
            missers.append(
                f"HSDS-export {export['soort']}: piekgeheugen groeit van {klein['piek_rss_mib']:.0f} naar "
                f"{export['piek_rss_mib']:.0f} MiB"
            )
    return missers


def teken(resultaten: list[dict], pad: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 5), dpi=110)
    groottes = [r["aanbod"] for r in resultaten]
    for naam, label in NAMEN.items():
        ax.plot(groottes, [r["metingen"][naam]["p95"] for r in resultaten], marker="o", label=label)
    for budget in set(BUDGETTEN_MS.values()):
        ax.axhline(budget, color="grey", linewidth=0.6, linestyle=":")
    ax.set_xscale("log")
    # Logarithmic: the budgets (40–80 ms) and a search of seconds both stay readable.
    ax.set_yscale("log")
    ax.set_xticks(groottes, [_n(g) for g in groottes])
    ax.set_xlabel("aanbod in de databank (doorverwijzingen: 10 per aanbod)")
    ax.set_ylabel("p95-latentie (ms, logaritmisch)")
    ax.set_title("p95 per eindpunt, opeenvolgende verzoeken (stippellijnen: budgetten 40–80 ms)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    pad.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(pad)
    plt.close(fig)


def _f(x: float) -> str:
    return f"{x:.1f}"


def _n(x: int) -> str:
    """1.000, 100.000: thousands with a dot, as in Dutch."""
    return f"{x:,}".replace(",", ".")


def schrijf(resultaten: list[dict], missers: list[str], context: dict) -> str:
    m = machine()
    regels = [
        "# Benchmarks",
        "",
        "Gegenereerd door `make bench` (tests/bench/): een aparte databank per omvang met "
        "`genereer_testdata --seed 1` (.data/bench-<aanbod>, hergebruikt zolang omvang en seed gelijk blijven), "
        "gunicorn zoals in productie (DEBUG uit, 2 sync workers, gedeelde bestandscache, gecomprimeerde "
        "manifest-statics), verzoeken over loopback.",
        "",
        f"- Laatste run: {time.strftime('%Y-%m-%d %H:%M %Z')} op `{m['host']}`",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM; {m['postgres']} "
        f"(ingebouwd, standaardinstellingen); {m['python']}",
        f"- Andere belasting tijdens de run: {context['belasting_tekst']}",
        f"- Herhalingen: {context['herhalingen']} per URL na opwarming; belastingstest {context['belasting_s']:.0f} s "
        "per niveau.",
        "",
        "## Latentie en databankvloer (p95 is het budget)",
        "",
        "De *vloer* is de tijd die PostgreSQL zelf nodig heeft voor de SQL die Django voor dat verzoek stuurt: "
        "elk verzoek één keer in-process uitgevoerd met `CaptureQueriesContext`, elke statement vijf keer opnieuw "
        "afgespeeld met `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON)` (planning + uitvoering opgeteld, mediaan). "
        "*Verhouding* = p95-latentie / p95-vloer: wat erboven zit is Django, Python, sjablonen en de "
        "round-trips.",
        "",
        "| aanbod | eindpunt | verzoeken | fouten | p50 (ms) | p95 (ms) | p99 (ms) | budget p95 | vloer p50 | "
        "vloer p95 | verhouding | queries/verzoek |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in resultaten:
        for naam, label in NAMEN.items():
            mt = r["metingen"][naam]
            vl = mt["vloer"]
            verhouding = mt["p95"] / vl["p95"] if vl["p95"] else float("nan")
            budget = BUDGETTEN_MS.get(naam)
            gehaald = "" if budget is None else (" ✓" if mt["p95"] <= budget else " **✗**")
            regels.append(
                f"| {_n(r['aanbod'])} | {label} | {mt['n']} | {mt['fouten']} | {_f(mt['p50'])} | {_f(mt['p95'])}"
                f"{gehaald} | {_f(mt['p99'])} | {budget or '—'} | {_f(vl['p50'])} | {_f(vl['p95'])} | "
                f"{verhouding:.1f}×{'' if budget is None or verhouding <= MAX_VERHOUDING else ' **✗**'} | "
                f"{vl['statements_mediaan']:g} (max {vl['statements_max']}) |"
            )
    regels += [
        "",
        "![p95-latentie per eindpunt bij 1.000, 10.000 en 100.000 aanbod](img/bench-latentie.png)",
        "",
        "## Doorvoer (gemengde GET-verzoeken: zoeken, API, detail, HSDS, inbox)",
        "",
        "| aanbod | gelijktijdig | verzoeken/s | verzoeken | fouten | p50 (ms) | p95 (ms) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in resultaten:
        for b in r["belasting"]:
            regels.append(
                f"| {_n(r['aanbod'])} | {b['gelijktijdig']} | {b['per_seconde']:.1f} | {b['verzoeken']} | "
                f"{b['fouten']} | {_f(b['p50'])} | {_f(b['p95'])} |"
            )
    regels += [
        "",
        "Lastgenerator: tests/bench/belasting.py (threads met `http.client`, op dezelfde 2 cores als de server).",
        "",
        "## Volledige HSDS-export (`exporteer_hsds`, apart proces)",
        "",
        "| aanbod | formaat | diensten | seconden | diensten/s | piek-RSS (MiB) | RSS halverwege (MiB) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in resultaten:
        for e in r["export"]:
            regels.append(
                f"| {_n(r['aanbod'])} | {e['soort']} | {_n(e['diensten'])} | {e['seconden']:.1f} | "
                f"{e['per_seconde']:.0f} | {e['piek_rss_mib']:.0f} | {e['rss_midden_mib']:.0f} |"
            )
    eerste = resultaten[0]["eerste_lading"]
    regels += [
        "",
        f"Budget: ≥ {EXPORT_MIN_PER_SECONDE:.0f} diensten/s bij de grootste omvang, piekgeheugen niet meer dan "
        f"{EXPORT_MAX_GROEI_MIB:.0f} MiB hoger dan bij de kleinste (vlak geheugen).",
        "",
        "## Eerste lading en welzijnsgids",
        "",
        f"Resultatenpagina met CSS en JS, gzip, zonder kaarttegels: **{eerste['kb']:.1f} KB** "
        f"(budget {BUDGET_EERSTE_LADING_KB:.0f} KB).",
        "",
        *[f"- `{bron}`: {n / 1024:.1f} KB" for bron, n in eerste["onderdelen"]],
    ]
    for r in resultaten:
        if r.get("gids_ms"):
            regels.append(
                f"- Welzijnsgids (PDF) van een zone bij {_n(r['aanbod'])} aanbod: {r['gids_ms'][0]:.0f} ms de eerste "
                f"keer, {r['gids_ms'][1]:.0f} ms uit de cache (budget {BUDGET_GIDS_MS:.0f} ms)."
            )
    regels += [
        "",
        "## Duurste statement per eindpunt (grootste omvang)",
        "",
        "Het statement met de hoogste mediane EXPLAIN-tijd over alle URL's van het eindpunt, om een gemist "
        "budget te kunnen verklaren.",
        "",
    ]
    grootste = max(resultaten, key=lambda r: r["aanbod"])
    for naam, label in NAMEN.items():
        vl = grootste["metingen"][naam]["vloer"]
        regels += [f"- {label}: {vl['duurste_ms']:.1f} ms bij `{vl['duurste_pad']}`"]
    regels += [
        "",
        "## Zoekvragen en aantal treffers",
        "",
        "| zoekvraag | " + " | ".join(_n(r["aanbod"]) for r in resultaten) + " |",
        "|---|" + "---:|" * len(resultaten),
    ]
    for q in resultaten[0]["treffers"]:
        regels.append(f"| `{q}` | " + " | ".join(str(r["treffers"].get(q, "—")) for r in resultaten) + " |")
    regels += [
        "",
        "Waarom een budget gemist wordt en wat eraan te doen is (query-plannen, voorgestelde indexen): "
        "[scaling.md, sectie 6](scaling.md#6-where-the-time-goes-and-what-to-change-next). De verhouding tot "
        "de vloer kan niet onder 3× zakken voor verzoeken met een vloer van 1–2 ms: een kale DRF-view kost hier al "
        "~3 ms, een pagina met basissjabloon en middleware 8–10 ms.",
    ]
    regels += ["", "## Resultaat", ""]
    if missers:
        regels += ["Gemist:", "", *[f"- {m}" for m in missers]]
    else:
        regels.append("Alle budgetten gehaald.")
    if context.get("noot"):
        regels += ["", context["noot"]]
    return "\n".join(regels) + "\n"
