-- Every facet value of an aanbod as one text array, for counting facets over a result set in one pass.
-- Loaded by migration 0010_facetcodes; idempotent.
--
-- Why: the results page counts, for every match, its themes, target groups, life domains, access routes,
-- ways of working, languages, cost and capacity (aanbod/zoeken/dienst.py, tel_resultaat). Over eight
-- columns that was eight passes over the result set, each unnesting an array per row: ~13–18 ms for the
-- ~1,000 matches of a broad query at 100k aanbod. One array per row is one unnest and one hash aggregate.
--
-- Invariant: facetcodes = 't' || id for each theme, 'd' for target groups, 'l' for life domains, 'a' for
-- access routes (the trigger-maintained id arrays of migration 0006), 'w' || code for each way of working,
-- 'g' || code for each language, then 'k' || kostprijs and 'c' || capaciteit. A stored generated column:
-- PostgreSQL recomputes it whenever one of those columns changes, on every write path; it is not a model
-- field, so Django never writes it.

CREATE OR REPLACE FUNCTION sk_facetcodes(
    thema integer[], doelgroep integer[], levensdomein integer[], toegang integer[],
    werkvormen varchar[], talen varchar[], kostprijs varchar, capaciteit varchar
) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT ARRAY(SELECT 't' || x FROM unnest(thema) x)
        || ARRAY(SELECT 'd' || x FROM unnest(doelgroep) x)
        || ARRAY(SELECT 'l' || x FROM unnest(levensdomein) x)
        || ARRAY(SELECT 'a' || x FROM unnest(toegang) x)
        || ARRAY(SELECT 'w' || x FROM unnest(werkvormen) x)
        || ARRAY(SELECT 'g' || x FROM unnest(talen) x)
        || ('k' || kostprijs)
        || ('c' || capaciteit)
$$;

ALTER TABLE aanbod_aanbod ADD COLUMN IF NOT EXISTS facetcodes text[]
    GENERATED ALWAYS AS (sk_facetcodes(thema_ids, doelgroep_ids, levensdomein_ids, toegang_ids,
                                       werkvormen, talen, kostprijs, capaciteit)) STORED;
