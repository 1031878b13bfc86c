"""Mixed traffic as the partners and professionals produce it: searches, detail pages, the public API,
and a receiver moving referrals between "aanvaard" and "wachtlijst" through the referral API."""

from __future__ import annotations

import json
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

ZOEKVRAGEN = [
    "q=dementie&gemeente=Geel",
    "q=schulden&gemeente=Turnhout",
    "q=respijtzorg&gemeente=Herentals",
    "q=opvoedingsvragen&gemeente=Mol",
    "gemeente=Mol&doelgroep=ouderen&kostprijs=gratis",
    "zone=kempenland&thema=armoede",
]
API_VRAGEN = [
    "gemeente=Turnhout&page_size=20",
    "zone=kempenland&thema=mantelzorg&page_size=20",
    "q=dementie&gemeente=Geel&page_size=20",
]
# Weights of the request kinds (a referral action is rarer than a search).
SOORTEN = {"zoeken": 4, "detail": 3, "api": 3, "api_doorverwijzing": 1, "overgang": 1}


@dataclass
class Antwoord:
    soort: str
    status: int  # 0: no HTTP response at all (connection refused, reset, timeout)
    begin: float
    einde: float
    content_type: str = ""
    retry_after: str | None = None
    inhoud: bytes = b""
    fout: str = ""


def _verzoek(methode: str, url: str, *, token: str | None = None, gegevens: dict | None = None, timeout=30):
    headers = {"Accept-Language": "nl-BE"}
    data = None
    if token:
        headers["Authorization"] = f"Token {token}"
    if gegevens is not None:
        data = json.dumps(gegevens).encode()
        headers["Content-Type"] = "application/json"
    verzoek = urllib.request.Request(url, data=data, method=methode, headers=headers)
    try:
        with urllib.request.urlopen(verzoek, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as fout:
        return fout.code, dict(fout.headers), fout.read()


def token_voor(basis: str, gebruikersnaam: str, wachtwoord: str = "demo") -> str:
    gegevens = {"username": gebruikersnaam, "password": wachtwoord}
    status, _, inhoud = _verzoek("POST", basis + "/api/v1/token/", gegevens=gegevens)
    assert status == 200, inhoud
    return json.loads(inhoud)["token"]


@dataclass
class Verkeer:
    """One thread per simulated user; every response is recorded for the test to judge."""

    basis: str
    token: str
    slugs: list[str]
    doorverwijzingen: list[str]  # one per thread: no two threads act on the same referral
    pauze: float = 0.0
    antwoorden: list[Antwoord] = field(default_factory=list)
    overgangen_ok: Counter = field(default_factory=Counter)
    overgangen_onzeker: Counter = field(default_factory=Counter)  # 503 / no answer: committed or not
    _stop: threading.Event = field(default_factory=threading.Event)
    _slot: threading.Lock = field(default_factory=threading.Lock)
    _draden: list[threading.Thread] = field(default_factory=list)

    def start(self, aantal: int) -> None:
        for index in range(aantal):
            draad = threading.Thread(target=self._werk, args=(index,), daemon=True)
            draad.start()
            self._draden.append(draad)

    def stop(self) -> None:
        self._stop.set()
        for draad in self._draden:
            draad.join(timeout=60)

    def _werk(self, index: int) -> None:
        rng = random.Random(index)
        uuid = self.doorverwijzingen[index % len(self.doorverwijzingen)]
        status = None  # unknown: read it first
        soorten, gewichten = zip(*SOORTEN.items(), strict=True)
        while not self._stop.is_set():
            soort = rng.choices(soorten, gewichten)[0]
            if soort == "overgang" and status is None:
                soort = "api_doorverwijzing"
            antwoord = self._een(soort, rng, uuid, status)
            with self._slot:
                self.antwoorden.append(antwoord)
            if soort == "api_doorverwijzing" and antwoord.status == 200:
                status = json.loads(antwoord.inhoud)["status"]
            elif soort == "overgang":
                if antwoord.status == 200:
                    status = json.loads(antwoord.inhoud)["status"]
                    with self._slot:
                        self.overgangen_ok[uuid] += 1
                else:
                    if antwoord.status == 0 or antwoord.status >= 500:
                        with self._slot:
                            self.overgangen_onzeker[uuid] += 1
                    status = None
            if self.pauze:
                time.sleep(self.pauze)

    def _een(self, soort: str, rng: random.Random, uuid: str, status: str | None) -> Antwoord:
        begin = time.monotonic()
        try:
            if soort == "zoeken":
                r = _verzoek("GET", f"{self.basis}/zoeken/?{rng.choice(ZOEKVRAGEN)}")
            elif soort == "detail":
                r = _verzoek("GET", f"{self.basis}/aanbod/{rng.choice(self.slugs)}/")
            elif soort == "api":
                r = _verzoek("GET", f"{self.basis}/api/v1/aanbod/?{rng.choice(API_VRAGEN)}")
            elif soort == "api_doorverwijzing":
                r = _verzoek("GET", f"{self.basis}/api/v1/doorverwijzingen/{uuid}/", token=self.token)
            else:
                if status == "on-hold":
                    actie, gegevens = "aanvaarden", {}
                else:
                    actie = "in-wacht"
                    gegevens = {"reden": "geen_capaciteit", "overbruggingsplan": "Tot dan de huisarts bellen."}
                gegevens["verwachte_status"] = status
                r = _verzoek(
                    "POST", f"{self.basis}/api/v1/doorverwijzingen/{uuid}/{actie}/", token=self.token, gegevens=gegevens
                )
        except (OSError, urllib.error.URLError) as fout:
            return Antwoord(soort, 0, begin, time.monotonic(), fout=repr(fout))
        code, headers, inhoud = r
        return Antwoord(
            soort,
            code,
            begin,
            time.monotonic(),
            content_type=headers.get("Content-Type", ""),
            retry_after=headers.get("Retry-After"),
            inhoud=inhoud,
        )


def slugs(conn, aantal: int = 30) -> list[str]:
    return [
        s
        for (s,) in conn.execute(
            "SELECT slug FROM aanbod_aanbod WHERE status = 'actief' ORDER BY id LIMIT %s", (aantal,)
        ).fetchall()
    ]


def quote(waarde: str) -> str:
    return urllib.parse.quote(waarde)
