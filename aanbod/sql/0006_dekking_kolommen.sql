-- Coverage and facet links copied onto aanbod_aanbod as integer arrays, maintained by PostgreSQL itself.
-- Loaded by migration 0006_dekking_kolommen; idempotent (CREATE OR REPLACE / DROP IF EXISTS).
--
-- Why: the search filters on "covers municipality X", "serves zone Z" and on the M2M facets, and counts
-- the facets, three times per request (COUNT, page, facet counts). As EXISTS subqueries on six link
-- tables that cost ~0.5 s at 100k aanbod; as array predicates on the row itself (GIN-indexed) and
-- unnest() over the result set it is a fraction of that (docs/search.md).
--
-- Invariant: for every aanbod, each array holds exactly the sorted, distinct ids of its link table:
--   dekking_gemeenten = aanbod_aanbod_werkingsgebied_gemeenten.gemeente_id
--   dekking_zones     = aanbod_aanbod_werkingsgebied_zones.eerstelijnszone_id
--   thema_ids         = aanbod_aanbod_themas.thema_id
--   doelgroep_ids     = aanbod_aanbod_doelgroepen.doelgroep_id
--   levensdomein_ids  = aanbod_aanbod_levensdomeinen.levensdomein_id
--   toegang_ids       = aanbod_aanbod_toegangswegen.toegangsweg_id
-- Every write path keeps it: statement triggers with transition tables on the link tables (ORM add/
-- remove/set/clear, bulk_create, COPY, cascade deletes), a row trigger when the aanbod row is inserted
-- (the generator COPYs link rows before their aanbod rows), and a guard that ignores these columns in
-- UPDATEs sent by clients (a stale model instance's save() would otherwise write old arrays back).

ALTER TABLE aanbod_aanbod ALTER COLUMN dekking_gemeenten SET DEFAULT '{}';
ALTER TABLE aanbod_aanbod ALTER COLUMN dekking_zones SET DEFAULT '{}';
ALTER TABLE aanbod_aanbod ALTER COLUMN thema_ids SET DEFAULT '{}';
ALTER TABLE aanbod_aanbod ALTER COLUMN doelgroep_ids SET DEFAULT '{}';
ALTER TABLE aanbod_aanbod ALTER COLUMN levensdomein_ids SET DEFAULT '{}';
ALTER TABLE aanbod_aanbod ALTER COLUMN toegang_ids SET DEFAULT '{}';

-- 1. Link rows inserted, deleted or updated: change only the arrays of the aanbod concerned, once per
-- statement. Incremental (add to / remove from the row's own array) rather than recomputed from the link
-- table: under READ COMMITTED a concurrent transaction's UPDATE of the same aanbod is re-applied to the
-- newest row version, so two curators adding a theme each at the same moment both keep theirs.
-- TG_ARGV: [0] the array column on aanbod_aanbod, [1] the id column of the link table.
CREATE OR REPLACE FUNCTION sk_dekking_koppeling() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        EXECUTE format(
            'UPDATE aanbod_aanbod a SET %1$I = (SELECT coalesce(array_agg(x ORDER BY x), ''{}'') '
            '                                     FROM unnest(a.%1$I) x WHERE x <> ALL (w.ids)) '
            '  FROM (SELECT aanbod_id, array_agg(%2$I::integer) AS ids FROM oud GROUP BY aanbod_id) w '
            ' WHERE a.id = w.aanbod_id', TG_ARGV[0], TG_ARGV[1]);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE format(
            'UPDATE aanbod_aanbod a SET %1$I = (SELECT array_agg(DISTINCT x ORDER BY x) '
            '                                     FROM unnest(a.%1$I || w.ids) x) '
            '  FROM (SELECT aanbod_id, array_agg(%2$I::integer) AS ids FROM nieuw GROUP BY aanbod_id) w '
            ' WHERE a.id = w.aanbod_id', TG_ARGV[0], TG_ARGV[1]);
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    koppeling text[];
BEGIN
    FOREACH koppeling SLICE 1 IN ARRAY ARRAY[
        ['aanbod_aanbod_werkingsgebied_gemeenten', 'dekking_gemeenten', 'gemeente_id'],
        ['aanbod_aanbod_werkingsgebied_zones', 'dekking_zones', 'eerstelijnszone_id'],
        ['aanbod_aanbod_themas', 'thema_ids', 'thema_id'],
        ['aanbod_aanbod_doelgroepen', 'doelgroep_ids', 'doelgroep_id'],
        ['aanbod_aanbod_levensdomeinen', 'levensdomein_ids', 'levensdomein_id'],
        ['aanbod_aanbod_toegangswegen', 'toegang_ids', 'toegangsweg_id']
    ]
    LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', koppeling[1] || '_dk_ins', koppeling[1]);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', koppeling[1] || '_dk_del', koppeling[1]);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', koppeling[1] || '_dk_upd', koppeling[1]);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS nieuw '
                       'FOR EACH STATEMENT EXECUTE FUNCTION sk_dekking_koppeling(%L, %L)',
                       koppeling[1] || '_dk_ins', koppeling[1], koppeling[2], koppeling[3]);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS oud '
                       'FOR EACH STATEMENT EXECUTE FUNCTION sk_dekking_koppeling(%L, %L)',
                       koppeling[1] || '_dk_del', koppeling[1], koppeling[2], koppeling[3]);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw '
                       'FOR EACH STATEMENT EXECUTE FUNCTION sk_dekking_koppeling(%L, %L)',
                       koppeling[1] || '_dk_upd', koppeling[1], koppeling[2], koppeling[3]);
    END LOOP;
END $$;

-- 2. The aanbod row itself. On INSERT: the arrays from the link tables (empty for an ORM insert, whose
-- links follow; filled when the links were loaded first, as the generator's COPY does). On an UPDATE
-- sent by a client (trigger depth 0): the arrays stay as they are, whatever the statement says; only the
-- link-table triggers above (depth 1) change them.
CREATE OR REPLACE FUNCTION sk_dekking_rij() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.dekking_gemeenten := (SELECT coalesce(array_agg(gemeente_id::integer ORDER BY gemeente_id), '{}')
                                    FROM aanbod_aanbod_werkingsgebied_gemeenten WHERE aanbod_id = NEW.id);
        NEW.dekking_zones := (SELECT coalesce(array_agg(eerstelijnszone_id::integer ORDER BY eerstelijnszone_id), '{}')
                                FROM aanbod_aanbod_werkingsgebied_zones WHERE aanbod_id = NEW.id);
        NEW.thema_ids := (SELECT coalesce(array_agg(thema_id::integer ORDER BY thema_id), '{}')
                            FROM aanbod_aanbod_themas WHERE aanbod_id = NEW.id);
        NEW.doelgroep_ids := (SELECT coalesce(array_agg(doelgroep_id::integer ORDER BY doelgroep_id), '{}')
                                FROM aanbod_aanbod_doelgroepen WHERE aanbod_id = NEW.id);
        NEW.levensdomein_ids := (SELECT coalesce(array_agg(levensdomein_id::integer ORDER BY levensdomein_id), '{}')
                                   FROM aanbod_aanbod_levensdomeinen WHERE aanbod_id = NEW.id);
        NEW.toegang_ids := (SELECT coalesce(array_agg(toegangsweg_id::integer ORDER BY toegangsweg_id), '{}')
                              FROM aanbod_aanbod_toegangswegen WHERE aanbod_id = NEW.id);
    ELSE
        NEW.dekking_gemeenten := OLD.dekking_gemeenten;
        NEW.dekking_zones := OLD.dekking_zones;
        NEW.thema_ids := OLD.thema_ids;
        NEW.doelgroep_ids := OLD.doelgroep_ids;
        NEW.levensdomein_ids := OLD.levensdomein_ids;
        NEW.toegang_ids := OLD.toegang_ids;
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS aanbod_dekking_nieuw ON aanbod_aanbod;
CREATE TRIGGER aanbod_dekking_nieuw BEFORE INSERT ON aanbod_aanbod
    FOR EACH ROW EXECUTE FUNCTION sk_dekking_rij();

-- 3. Backfill from the link tables, in one pass over aanbod_aanbod (without the guard below).
DROP TRIGGER IF EXISTS aanbod_dekking_bewaakt ON aanbod_aanbod;
UPDATE aanbod_aanbod a SET
    dekking_gemeenten = (SELECT coalesce(array_agg(gemeente_id::integer ORDER BY gemeente_id), '{}')
                           FROM aanbod_aanbod_werkingsgebied_gemeenten WHERE aanbod_id = a.id),
    dekking_zones = (SELECT coalesce(array_agg(eerstelijnszone_id::integer ORDER BY eerstelijnszone_id), '{}')
                       FROM aanbod_aanbod_werkingsgebied_zones WHERE aanbod_id = a.id),
    thema_ids = (SELECT coalesce(array_agg(thema_id::integer ORDER BY thema_id), '{}')
                   FROM aanbod_aanbod_themas WHERE aanbod_id = a.id),
    doelgroep_ids = (SELECT coalesce(array_agg(doelgroep_id::integer ORDER BY doelgroep_id), '{}')
                       FROM aanbod_aanbod_doelgroepen WHERE aanbod_id = a.id),
    levensdomein_ids = (SELECT coalesce(array_agg(levensdomein_id::integer ORDER BY levensdomein_id), '{}')
                          FROM aanbod_aanbod_levensdomeinen WHERE aanbod_id = a.id),
    toegang_ids = (SELECT coalesce(array_agg(toegangsweg_id::integer ORDER BY toegangsweg_id), '{}')
                     FROM aanbod_aanbod_toegangswegen WHERE aanbod_id = a.id);

-- 4. The guard: an UPDATE sent by a client leaves the arrays alone (see the header).
CREATE TRIGGER aanbod_dekking_bewaakt
    BEFORE UPDATE OF dekking_gemeenten, dekking_zones, thema_ids, doelgroep_ids, levensdomein_ids, toegang_ids
    ON aanbod_aanbod
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION sk_dekking_rij();

-- Statistics for the new columns (most common ids), so the planner can weigh coverage and facets at once.
ANALYZE aanbod_aanbod;
