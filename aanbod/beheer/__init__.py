"""The curation workspace at /beheer/ for ELZ staff (curators) and organisations' editors (redacteurs).

One sub-package per task of the workspace: ``actualiteit`` (freshness rounds, work queue, reports
from the field, confirmation e-mails), ``voorstellen`` (redacteurs' edits, proposals, history and
revert), ``bulk`` (import and export of a zone's lists), ``woordenlijst`` (glossary, concepts and
vocabularies), ``hiaten`` (gaps and waiting lists for the zorgraad). Who may do what is decided in
``rechten``.
"""
