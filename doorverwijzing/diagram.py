"""The state diagram of docs/referrals.md, generated from the one transition table."""

from doorverwijzing.constants import ACTIE_DOOR, ACTIE_NAAR_STATUS, TOEGESTANE_OVERGANGEN, Status

BEGIN, EINDE = "<!-- statusdiagram:begin -->", "<!-- statusdiagram:einde -->"


def _knoop(status: str) -> str:
    return status.replace("-", "_")


def statusdiagram() -> str:
    """A mermaid stateDiagram: one arrow per allowed transition, labelled with its action and who acts."""
    regels = ["```mermaid", "stateDiagram-v2", f"    [*] --> {_knoop(Status.DRAFT)}"]
    for status in Status:
        regels.append(f"    {_knoop(status)} : {status.value} — {status.label}")
    for van, naar_set in TOEGESTANE_OVERGANGEN.items():
        for naar in sorted(naar_set):
            acties = [a for a, s in ACTIE_NAAR_STATUS.items() if s == naar]
            wie = "/".join(sorted(ACTIE_DOOR[acties[0]])) if acties else ""
            regels.append(f"    {_knoop(van)} --> {_knoop(naar)} : {', '.join(acties)} ({wie})")
    regels.append("```")
    return "\n".join(regels)


def werk_document_bij(tekst: str) -> str:
    """Replace the generated block between the markers in ``tekst``."""
    voor, rest = tekst.split(BEGIN, 1)
    _, na = rest.split(EINDE, 1)
    return f"{voor}{BEGIN}\n{statusdiagram()}\n{EINDE}{na}"
