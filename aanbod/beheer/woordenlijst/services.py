"""Workflows of the word list: the glossary, the concepts' plain-language texts and the vocabularies.

These lists are shared by all zones (one catalogue for Flanders), so every change is recorded with
``log_beheeractie``. Search reads them too: glossary terms and synonyms become synonym groups, and all
of them feed the word list for spelling suggestions (the materialised view ``aanbod_zoekwoord``).
Each service therefore refreshes that word list and the per-process synonym cache once the change is
committed (``transaction.on_commit``), never for a change that was rolled back. The stored search
vectors of the aanbod follow by themselves (PostgreSQL triggers, docs/search.md).

Errors are ``ValidationError`` with a dict keyed by field, so the page shows them next to the field.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from aanbod.beheer.audit import log_beheeractie
from aanbod.models import Begrip, Doelgroep, Levensdomein, Ondersteuningsvorm, Thema, Toegangsweg
from aanbod.models.vocabularium import Vocabularium

# The four vocabularies as they appear in the URL (/beheer/woordenlijst/<soort>/).
VOCABULARIA: dict[str, type[Vocabularium]] = {
    "doelgroepen": Doelgroep,
    "levensdomeinen": Levensdomein,
    "themas": Thema,
    "toegangswegen": Toegangsweg,
}

BEGRIP_VELDEN = ("term", "afkorting", "context", "uitleg", "synoniemen", "ondersteuningsvorm", "actief")
# The plain-language texts of a concept. Name, abbreviation and slug identify the concept (URLs, API,
# HSDS) and stay in the Django admin.
VORM_VELDEN = (
    "volledige_naam",
    "samenvatting",
    "voor_wie",
    "toegang_uitleg",
    "financier",
    "wettelijke_basis",
    "meer_info_url",
    "synoniemen",
)
WAARDE_VELDEN = ("label", "uitleg", "volgorde")


def zoekwoorden_verversen() -> None:
    """Rebuild what search derives from the word lists: the spelling word list and the synonym cache.

    The synonym cache lives per process; other workers pick up the change within a minute
    (``aanbod.zoeken.woorden.GELDIGHEID_SECONDEN``).
    """
    from aanbod.zoeken.woorden import ververs_zoekwoorden, wis_cache

    ververs_zoekwoorden()
    wis_cache()


def _na_commit() -> None:
    transaction.on_commit(zoekwoorden_verversen)


def _gewijzigd(obj: Model, gegevens: dict, velden: tuple[str, ...]) -> list[str]:
    """Set ``gegevens`` on ``obj``; the names of the fields whose value really changed."""
    gewijzigd = []
    for veld in velden:
        if veld in gegevens and getattr(obj, veld) != gegevens[veld]:
            setattr(obj, veld, gegevens[veld])
            gewijzigd.append(veld)
    return gewijzigd


def _synoniemen(lijst) -> list[str]:
    """Trimmed, without empties and duplicates (case-insensitive), in the order given."""
    gezien, uit = set(), []
    for synoniem in lijst or []:
        synoniem = " ".join(str(synoniem).split())
        if synoniem and synoniem.lower() not in gezien:
            gezien.add(synoniem.lower())
            uit.append(synoniem)
    return uit


# --- glossary ------------------------------------------------------------------------------------


def begrip_dubbel(*, term: str, context: str, behalve: Begrip | None = None) -> bool:
    """Whether another Begrip has this term and context (case-insensitive: "MDO" and "mdo" clash)."""
    dubbel = Begrip.objects.filter(term__iexact=term.strip(), context__iexact=context.strip())
    if behalve is not None and behalve.pk:
        dubbel = dubbel.exclude(pk=behalve.pk)
    return dubbel.exists()


def _unieke_slug(model: type[Model], basis: str, max_length: int) -> str:
    basis = (slugify(basis) or "begrip")[: max_length - 4].rstrip("-")
    slug, n = basis, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{basis}-{n}", n + 1
    return slug


DUBBEL_BEGRIP = _lazy(
    "Dit begrip bestaat al met dezelfde context. Heeft het een tweede betekenis? "
    "Vul dan een context in die de betekenissen onderscheidt."
)


def _dubbel_begrip_fout() -> ValidationError:
    return ValidationError({"term": DUBBEL_BEGRIP})


@transaction.atomic
def begrip_opslaan(*, door, gegevens: dict, begrip: Begrip | None = None) -> Begrip:
    """Create (``begrip=None``) or change a glossary entry.

    Keeps: term + context unique (case-insensitive); the slug of an existing entry never changes
    (public links); synonyms trimmed and without duplicates; one audit entry per real change; search
    refreshed after commit.
    """
    gegevens = {**gegevens, "synoniemen": _synoniemen(gegevens.get("synoniemen"))}
    for veld in ("term", "afkorting", "context"):
        if veld in gegevens:
            gegevens[veld] = " ".join((gegevens[veld] or "").split())
    nieuw = begrip is None
    if nieuw:
        begrip = Begrip()
    else:
        begrip = Begrip.objects.select_for_update().get(pk=begrip.pk)
    gewijzigd = _gewijzigd(begrip, gegevens, BEGRIP_VELDEN)
    if not nieuw and not gewijzigd:
        return begrip
    if begrip_dubbel(term=begrip.term, context=begrip.context, behalve=begrip):
        raise _dubbel_begrip_fout()
    if nieuw:
        begrip.slug = _unieke_slug(Begrip, f"{begrip.term} {begrip.context}", Begrip._meta.get_field("slug").max_length)
    try:
        with transaction.atomic():  # a savepoint: the clash of two people at once becomes a form error
            if nieuw:
                begrip.save()
            else:
                begrip.save(update_fields=[*gewijzigd, "gewijzigd_op"])
    except IntegrityError:
        raise _dubbel_begrip_fout() from None
    log_beheeractie(
        door=door,
        actie="begrip_aangemaakt" if nieuw else "begrip_gewijzigd",
        object=begrip,
        omschrijving=str(begrip) if nieuw else f"{begrip}: {', '.join(gewijzigd)}",
    )
    _na_commit()
    return begrip


# --- support-form concepts -----------------------------------------------------------------------


@transaction.atomic
def ondersteuningsvorm_teksten_bijwerken(*, door, vorm: Ondersteuningsvorm, gegevens: dict) -> Ondersteuningsvorm:
    """Change the plain-language texts of a concept (never its name, abbreviation or slug).

    The search vectors of every aanbod of the concept follow through the database trigger; the word
    list is refreshed after commit; one audit entry names the changed fields.
    """
    gegevens = {**gegevens, "synoniemen": _synoniemen(gegevens.get("synoniemen"))}
    if not (gegevens.get("samenvatting") or "").strip():
        raise ValidationError({"samenvatting": _("Schrijf een korte samenvatting in eenvoudige taal.")})
    vorm = Ondersteuningsvorm.objects.select_for_update().get(pk=vorm.pk)
    gewijzigd = _gewijzigd(vorm, gegevens, VORM_VELDEN)
    if not gewijzigd:
        return vorm
    vorm.save(update_fields=[*gewijzigd, "gewijzigd_op"])
    log_beheeractie(
        door=door, actie="ondersteuningsvorm_gewijzigd", object=vorm, omschrijving=f"{vorm}: {', '.join(gewijzigd)}"
    )
    _na_commit()
    return vorm


# --- vocabularies --------------------------------------------------------------------------------


def _dubbele_waarde(model: type[Vocabularium], *, label: str, code: str, behalve: Vocabularium | None) -> dict:
    fouten = {}
    andere = model.objects.all()
    if behalve is not None and behalve.pk:
        andere = andere.exclude(pk=behalve.pk)
    if andere.filter(label__iexact=label).exists():
        fouten["label"] = _("Er is al een %(soort)s met dit label.") % {"soort": model._meta.verbose_name}
    if code and andere.filter(code=code).exists():
        fouten["code"] = _("Deze code is al in gebruik. Kies een andere.")
    return fouten


@transaction.atomic
def vocabulariumwaarde_opslaan(
    *, door, model: type[Vocabularium], gegevens: dict, waarde: Vocabularium | None = None
) -> Vocabularium:
    """Create a value of a vocabulary (``waarde=None``) or change its label, explanation or order.

    Keeps: label unique within the vocabulary (case-insensitive), code unique and unchanged once
    created (the API and HSDS taxonomy use it); audit entry; search refreshed after commit.
    """
    nieuw = waarde is None
    label = " ".join((gegevens.get("label") or "").split())
    gegevens = {**gegevens, "label": label}
    if nieuw:
        # The codes of the reference data use underscores (aanstaande_ouders); new ones follow suit.
        code = slugify(gegevens.get("code") or label).replace("-", "_")
        code = code[: model._meta.get_field("code").max_length].strip("_")
        if not code:
            raise ValidationError({"code": _("Kies een code met letters of cijfers.")})
        waarde = model(code=code)
    else:
        waarde = model.objects.select_for_update().get(pk=waarde.pk)
    fouten = _dubbele_waarde(model, label=label, code=waarde.code if nieuw else "", behalve=waarde)
    if fouten:
        raise ValidationError(fouten)
    gewijzigd = _gewijzigd(waarde, gegevens, WAARDE_VELDEN)
    if not nieuw and not gewijzigd:
        return waarde
    try:
        with transaction.atomic():
            if nieuw:
                waarde.save()
            else:
                waarde.save(update_fields=gewijzigd)
    except IntegrityError:
        raise ValidationError({"code": _("Deze code is al in gebruik. Kies een andere.")}) from None
    log_beheeractie(
        door=door,
        actie=f"{model._meta.model_name}_{'aangemaakt' if nieuw else 'gewijzigd'}",
        object=waarde,
        omschrijving=f"{waarde.code}: {waarde.label}" + ("" if nieuw else f" ({', '.join(gewijzigd)})"),
    )
    _na_commit()
    return waarde


@transaction.atomic
def vocabulariumwaarde_activeren(*, door, waarde: Vocabularium, actief: bool) -> Vocabularium:
    """Retire a value (it stays on the aanbod that have it, but is no longer offered) or bring it back."""
    model = type(waarde)
    waarde = model.objects.select_for_update().get(pk=waarde.pk)
    if waarde.actief == actief:
        return waarde
    waarde.actief = actief
    waarde.save(update_fields=["actief"])
    log_beheeractie(
        door=door,
        actie=f"{model._meta.model_name}_{'geactiveerd' if actief else 'uitgeschakeld'}",
        object=waarde,
        omschrijving=f"{waarde.code}: {waarde.label}",
    )
    _na_commit()
    return waarde


def gebruik(waarde: Model) -> int:
    """How many rows refer to ``waarde``: aanbod that carry it now, and their history."""
    totaal = 0
    for relatie in type(waarde)._meta.get_fields(include_hidden=True):
        if relatie.auto_created and not relatie.concrete and relatie.one_to_many:
            totaal += relatie.related_model._base_manager.filter(**{relatie.field.name: waarde.pk}).count()
    return totaal


def aantal_aanbod(waarde: Vocabularium) -> int:
    return waarde.aanbod_set.count()


@transaction.atomic
def vocabulariumwaarde_verwijderen(*, door, waarde: Vocabularium) -> None:
    """Delete a value that was never used (a typo just made); a used value is retired instead.

    Reference values are retired, never deleted: deleting one would silently strip it from every
    aanbod (the many-to-many links cascade) and leave holes in their history. The row lock makes a
    concurrent "add this value to an aanbod" wait for us and then fail, so nothing is lost.
    """
    model = type(waarde)
    waarde = model.objects.select_for_update().get(pk=waarde.pk)
    if gebruik(waarde):
        aantal = aantal_aanbod(waarde)
        if aantal:
            tekst = _(
                "“%(label)s” is in gebruik bij %(aantal)s aanbod en kan niet verwijderd worden. "
                "Schakel het uit: dan wordt het niet meer aangeboden, maar blijft het bij dat aanbod staan."
            ) % {"label": waarde.label, "aantal": aantal}
        else:
            tekst = _(
                "“%(label)s” komt voor in de geschiedenis van aanbod en kan niet verwijderd worden. Schakel het uit."
            ) % {"label": waarde.label}
        raise ValidationError(tekst, code="in_gebruik")
    log_beheeractie(
        door=door,
        actie=f"{model._meta.model_name}_verwijderd",
        object=waarde,
        omschrijving=f"{waarde.code}: {waarde.label}",
    )
    waarde.delete()
    _na_commit()
