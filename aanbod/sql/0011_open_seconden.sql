-- When an aanbod is open in the week, copied onto aanbod_aanbod as one multirange, maintained by
-- PostgreSQL itself. Loaded by migration 0011_open_seconden; idempotent (CREATE OR REPLACE / IF EXISTS).
--
-- Why: "Nu open" (open_nu) keeps the aanbod whose own opening hours, or those of one of its active
-- locations, include this moment. As two EXISTS per row, PostgreSQL either probes the hours per match
-- or, with many matches, hashes every slot open at that moment: for a municipality alone during the day
-- that was ~130k hours and ~140 ms at 100k aanbod. Stored on the row it is one containment test.
--
-- Invariant: for every aanbod,
--   open_seconden = the union of [van, tot) of its own opening hours and of those of its active locations,
--                   as seconds since Monday 00:00 (sk_weekseconde); '{}' when there are none.
-- Every write path keeps it: statement triggers with transition tables on the opening hours, on the link
-- table and on aanbod_locatie (activated or deactivated), and a row trigger when the aanbod row is inserted
-- (the generator COPYs hours and links before their aanbod rows). The column is not a model field: Django
-- never writes it. The triggers lock the aanbod rows before recomputing (see 0009_locatiepunten.sql).

ALTER TABLE aanbod_aanbod ADD COLUMN IF NOT EXISTS open_seconden int4multirange NOT NULL DEFAULT '{}';

-- Seconds since Monday 00:00 of an ISO weekday (1 = Monday) and a time of day (whole seconds).
CREATE OR REPLACE FUNCTION sk_weekseconde(dag integer, uur time) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (dag - 1) * 86400 + floor(extract(epoch FROM uur))::integer
$$;

CREATE OR REPLACE FUNCTION sk_open_seconden(aanbod bigint) RETURNS int4multirange
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(range_agg(int4range(sk_weekseconde(u.dag, u.van), sk_weekseconde(u.dag, u.tot))), '{}')
      FROM aanbod_openingsuur u
     WHERE u.aanbod_id = aanbod
        OR u.locatie_id IN (SELECT k.locatie_id FROM aanbod_aanbod_locaties k
                              JOIN aanbod_locatie l ON l.id = k.locatie_id
                             WHERE k.aanbod_id = aanbod AND l.actief)
$$;

CREATE OR REPLACE FUNCTION sk_herbereken_open(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM aanbod_aanbod WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
    UPDATE aanbod_aanbod a SET open_seconden = n.open_seconden
      FROM (SELECT id, sk_open_seconden(id) AS open_seconden FROM unnest(ids) id) n
     WHERE a.id = n.id AND a.open_seconden IS DISTINCT FROM n.open_seconden;
END $$;

-- 1. Opening hours inserted, deleted or updated: their aanbod, and the aanbod linked to their location.
CREATE OR REPLACE FUNCTION sk_open_uren() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT x) INTO ids FROM (
            SELECT aanbod_id AS x FROM nieuw WHERE aanbod_id IS NOT NULL
            UNION SELECT k.aanbod_id FROM nieuw JOIN aanbod_aanbod_locaties k ON k.locatie_id = nieuw.locatie_id
        ) a;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT x) INTO ids FROM (
            SELECT aanbod_id AS x FROM oud WHERE aanbod_id IS NOT NULL
            UNION SELECT k.aanbod_id FROM oud JOIN aanbod_aanbod_locaties k ON k.locatie_id = oud.locatie_id
        ) a;
    ELSE
        SELECT array_agg(DISTINCT x) INTO ids FROM (
            SELECT aanbod_id AS x FROM (SELECT aanbod_id, locatie_id FROM oud UNION ALL
                                        SELECT aanbod_id, locatie_id FROM nieuw) r WHERE aanbod_id IS NOT NULL
            UNION SELECT k.aanbod_id FROM (SELECT locatie_id FROM oud UNION SELECT locatie_id FROM nieuw) r
                    JOIN aanbod_aanbod_locaties k ON k.locatie_id = r.locatie_id
        ) a;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM sk_herbereken_open(ids);
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS aanbod_openingsuur_open_ins ON aanbod_openingsuur;
DROP TRIGGER IF EXISTS aanbod_openingsuur_open_del ON aanbod_openingsuur;
DROP TRIGGER IF EXISTS aanbod_openingsuur_open_upd ON aanbod_openingsuur;
CREATE TRIGGER aanbod_openingsuur_open_ins AFTER INSERT ON aanbod_openingsuur
    REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION sk_open_uren();
CREATE TRIGGER aanbod_openingsuur_open_del AFTER DELETE ON aanbod_openingsuur
    REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION sk_open_uren();
CREATE TRIGGER aanbod_openingsuur_open_upd AFTER UPDATE ON aanbod_openingsuur
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION sk_open_uren();

-- 2. Link rows between aanbod and locations inserted, deleted or updated.
CREATE OR REPLACE FUNCTION sk_open_koppeling() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT aanbod_id) INTO ids FROM nieuw;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT aanbod_id) INTO ids FROM oud;
    ELSE
        SELECT array_agg(DISTINCT aanbod_id) INTO ids
          FROM (SELECT aanbod_id FROM oud UNION SELECT aanbod_id FROM nieuw) beide;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM sk_herbereken_open(ids);
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_open_ins ON aanbod_aanbod_locaties;
DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_open_del ON aanbod_aanbod_locaties;
DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_open_upd ON aanbod_aanbod_locaties;
CREATE TRIGGER aanbod_aanbod_locaties_open_ins AFTER INSERT ON aanbod_aanbod_locaties
    REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION sk_open_koppeling();
CREATE TRIGGER aanbod_aanbod_locaties_open_del AFTER DELETE ON aanbod_aanbod_locaties
    REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION sk_open_koppeling();
CREATE TRIGGER aanbod_aanbod_locaties_open_upd AFTER UPDATE ON aanbod_aanbod_locaties
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION sk_open_koppeling();

-- 3. Locations activated or deactivated: the aanbod linked to them (other changes cost nothing here).
CREATE OR REPLACE FUNCTION sk_open_locatie() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    SELECT array_agg(DISTINCT k.aanbod_id) INTO ids
      FROM oud JOIN nieuw ON nieuw.id = oud.id
      JOIN aanbod_aanbod_locaties k ON k.locatie_id = nieuw.id
     WHERE oud.actief IS DISTINCT FROM nieuw.actief;
    IF ids IS NOT NULL THEN
        PERFORM sk_herbereken_open(ids);
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS aanbod_locatie_open_upd ON aanbod_locatie;
CREATE TRIGGER aanbod_locatie_open_upd AFTER UPDATE ON aanbod_locatie
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION sk_open_locatie();

-- 4. The aanbod row itself, on INSERT (hours and links loaded first, as the generator's COPY does).
CREATE OR REPLACE FUNCTION sk_open_rij() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.open_seconden := sk_open_seconden(NEW.id);
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS aanbod_open_nieuw ON aanbod_aanbod;
CREATE TRIGGER aanbod_open_nieuw BEFORE INSERT ON aanbod_aanbod
    FOR EACH ROW EXECUTE FUNCTION sk_open_rij();

-- 5. Backfill in one pass: own hours and those of active locations, per aanbod.
UPDATE aanbod_aanbod a SET open_seconden = n.open_seconden
  FROM (SELECT aanbod_id, range_agg(int4range(sk_weekseconde(dag, van), sk_weekseconde(dag, tot))) AS open_seconden
          FROM (SELECT u.aanbod_id, u.dag, u.van, u.tot FROM aanbod_openingsuur u WHERE u.aanbod_id IS NOT NULL
                UNION ALL
                SELECT k.aanbod_id, u.dag, u.van, u.tot
                  FROM aanbod_openingsuur u
                  JOIN aanbod_locatie l ON l.id = u.locatie_id AND l.actief
                  JOIN aanbod_aanbod_locaties k ON k.locatie_id = l.id) uren
         GROUP BY aanbod_id) n
 WHERE a.id = n.aanbod_id;

ANALYZE aanbod_aanbod;
