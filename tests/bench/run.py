"""`make bench`: latency, database floor, throughput and export speed at 1k, 10k and 100k aanbod.

For each size: make sure .data/bench-<aanbod> holds the generated data (reused across runs), then run
tests/bench/meting.py for it in its own process (Django binds to one database per process). Finally
write docs/benchmarks.md and docs/img/bench-latentie.png, and exit non-zero when a budget is missed.
Not a test: timings are never asserted inside `make test`.

Environment: BENCH_GROOTTES (default 1000,10000,100000), BENCH_HERHALINGEN (10),
BENCH_BELASTING_SECONDEN (10), BENCH_OVERGANGEN (40), BENCH_NOOT (a sentence for the report).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

from tests.bench import gegevens, verslag  # noqa: E402

GROOTTES = [int(g) for g in os.environ.get("BENCH_GROOTTES", "1000,10000,100000").split(",") if g.strip()]


def _belasting() -> str:
    """Other load on the machine right before measuring (the machine may be shared)."""
    een, vijf, _ = os.getloadavg()
    return f"load average {een:.1f} (1 min), {vijf:.1f} (5 min) bij de start van de metingen op {os.cpu_count()} cores"


def main() -> int:
    for grootte in GROOTTES:
        gegevens.bereid_voor(grootte)
    gegevens.manage(GROOTTES[0], "collectstatic", "--noinput", "-v0")

    belasting_tekst = _belasting()
    resultaten = []
    for i, grootte in enumerate(GROOTTES):
        env = {**os.environ, "BENCH_GIDS": "1" if i == 0 else "0"}
        print(f"[bench] meten bij {grootte} aanbod", flush=True)
        subprocess.run([sys.executable, str(Path(__file__).with_name("meting.py")), str(grootte)], env=env, check=True)
        uit = BASE_DIR / ".data" / "bench-logs" / f"meting-{grootte}.json"
        resultaten.append(json.loads(uit.read_text()))

    missers = verslag.toets(resultaten)
    verslag.teken(resultaten, BASE_DIR / "docs" / "img" / "bench-latentie.png")
    context = {
        "belasting_tekst": belasting_tekst + f"; na afloop {os.getloadavg()[0]:.1f}",
        "herhalingen": int(os.environ.get("BENCH_HERHALINGEN", "10")),
        "belasting_s": float(os.environ.get("BENCH_BELASTING_SECONDEN", "10")),
        "noot": os.environ.get("BENCH_NOOT", ""),
    }
    tekst = verslag.schrijf(resultaten, missers, context)
    (BASE_DIR / "docs" / "benchmarks.md").write_text(tekst)
    print(tekst)
    print(f"[bench] klaar om {time.strftime('%H:%M:%S')}: {len(missers)} budget(ten) gemist", flush=True)
    return 1 if missers else 0


if __name__ == "__main__":
    sys.exit(main())
