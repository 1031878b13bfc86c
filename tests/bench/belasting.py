"""A small load generator on loopback: N threads, each requesting a mixed URL list for a fixed time.

Plain ``http.client`` (no dependency): gunicorn's sync workers close every connection anyway, so a
client with keep-alive would not be faster. The client shares the machine's cores with the server;
at 32 threads that costs the server some CPU, which the report mentions.
"""

from __future__ import annotations

import http.client
import random
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Verzoek:
    pad: str
    methode: str = "GET"
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


def stuur(poort: int, verzoek: Verzoek, timeout: float = 60) -> tuple[int, float, int]:
    """Status, milliseconds and response size of one request (status 0: connection failed)."""
    start = time.perf_counter()
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=timeout)
    try:
        verbinding.request(verzoek.methode, verzoek.pad, body=verzoek.body, headers=verzoek.headers)
        antwoord = verbinding.getresponse()
        inhoud = antwoord.read()
        return antwoord.status, (time.perf_counter() - start) * 1000, len(inhoud)
    except OSError:
        return 0, (time.perf_counter() - start) * 1000, 0
    finally:
        verbinding.close()


@dataclass
class Belasting:
    gelijktijdig: int
    seconden: float
    verzoeken: int
    fouten: int
    tijden_ms: list[float]

    @property
    def per_seconde(self) -> float:
        return self.verzoeken / self.seconden if self.seconden else 0.0


def belast(poort: int, verzoeken: list[Verzoek], gelijktijdig: int, seconden: float, seed: int = 1) -> Belasting:
    """Keep ``gelijktijdig`` requests in flight for ``seconden``; count completions and errors."""
    einde = time.perf_counter() + seconden
    slot = threading.Lock()
    tijden: list[float] = []
    fouten = 0

    def werker(nummer: int) -> None:
        nonlocal fouten
        rng = random.Random(seed * 1000 + nummer)
        volgorde = verzoeken[:]
        rng.shuffle(volgorde)
        i = 0
        while time.perf_counter() < einde:
            status, ms, _ = stuur(poort, volgorde[i % len(volgorde)])
            i += 1
            with slot:
                tijden.append(ms)
                if status != 200:
                    fouten += 1

    start = time.perf_counter()
    draden = [threading.Thread(target=werker, args=(n,), daemon=True) for n in range(gelijktijdig)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    duur = time.perf_counter() - start
    return Belasting(gelijktijdig, duur, len(tijden), fouten, tijden)
