-- The points of an aanbod's active locations, copied onto aanbod_aanbod as an array, maintained by
-- PostgreSQL itself. Loaded by migration 0009_locatiepunten; idempotent (CREATE OR REPLACE / IF EXISTS).
--
-- Why: a search from a place orders every match by the distance to its nearest active location. As a
-- subquery per match (link table, then location, then trigonometry) that cost ~5 µs a row: 20–30 ms for
-- the ~5,000 matches of a municipality at 100k aanbod. From points stored on the row itself it is one
-- cube_distance per location, without touching another table (docs/search.md).
--
-- Invariant: for every aanbod,
--   punten = the earth points (cube, x/y/z in metres, the same operations as ll_to_earth without the
--            cast to the ``earth`` domain) of its locations that are active and have coordinates,
--            ordered by location id; '{}' when there are none.
-- Every write path keeps it: statement triggers with transition tables on the link table (ORM add/remove/
-- set/clear, bulk_create, COPY, cascade deletes) and on aanbod_locatie (a location moved, activated or
-- deactivated, by save(), update() or bulk_update()), and a row trigger when the aanbod row is inserted
-- (the generator COPYs link rows before their aanbod rows). The column is not a model field: Django never
-- writes it, so no guard against stale instances is needed.
--
-- The triggers recompute the array of each aanbod concerned from the tables. To stay correct when two
-- transactions change the locations of one aanbod at the same moment, they first lock those aanbod rows:
-- under READ COMMITTED the recomputing statement that follows takes a new snapshot, which includes what
-- the other transaction committed while this one waited.

ALTER TABLE aanbod_aanbod ADD COLUMN IF NOT EXISTS punten cube[] NOT NULL DEFAULT '{}';

CREATE OR REPLACE FUNCTION sk_aardepunt(latitude double precision, longitude double precision) RETURNS cube
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT cube(cube(cube(earth() * cos(radians(latitude)) * cos(radians(longitude))),
                     earth() * cos(radians(latitude)) * sin(radians(longitude))),
                earth() * sin(radians(latitude)))
$$;

CREATE OR REPLACE FUNCTION sk_locatiepunten(aanbod bigint) RETURNS cube[]
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(sk_aardepunt(l.latitude, l.longitude) ORDER BY l.id), '{}')
      FROM aanbod_aanbod_locaties k JOIN aanbod_locatie l ON l.id = k.locatie_id
     WHERE k.aanbod_id = aanbod AND l.actief AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
$$;

-- Recompute the points of the given aanbod (after locking their rows; see the header).
CREATE OR REPLACE FUNCTION sk_herbereken_punten(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM aanbod_aanbod WHERE id = ANY (ids) ORDER BY id FOR NO KEY UPDATE;
    UPDATE aanbod_aanbod a SET punten = n.punten
      FROM (SELECT id, sk_locatiepunten(id) AS punten FROM unnest(ids) id) n
     WHERE a.id = n.id AND a.punten IS DISTINCT FROM n.punten;
END $$;

-- 1. Link rows inserted, deleted or updated.
CREATE OR REPLACE FUNCTION sk_punten_koppeling() RETURNS trigger
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
        PERFORM sk_herbereken_punten(ids);
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_pt_ins ON aanbod_aanbod_locaties;
DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_pt_del ON aanbod_aanbod_locaties;
DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_pt_upd ON aanbod_aanbod_locaties;
CREATE TRIGGER aanbod_aanbod_locaties_pt_ins AFTER INSERT ON aanbod_aanbod_locaties
    REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION sk_punten_koppeling();
CREATE TRIGGER aanbod_aanbod_locaties_pt_del AFTER DELETE ON aanbod_aanbod_locaties
    REFERENCING OLD TABLE AS oud FOR EACH STATEMENT EXECUTE FUNCTION sk_punten_koppeling();
CREATE TRIGGER aanbod_aanbod_locaties_pt_upd AFTER UPDATE ON aanbod_aanbod_locaties
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION sk_punten_koppeling();

-- 2. Locations moved, activated or deactivated: the aanbod linked to them. Only rows whose coordinates
-- or active flag changed count, so saving a location's opening hours or phone number costs nothing here.
CREATE OR REPLACE FUNCTION sk_punten_locatie() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    SELECT array_agg(DISTINCT k.aanbod_id) INTO ids
      FROM oud JOIN nieuw ON nieuw.id = oud.id
      JOIN aanbod_aanbod_locaties k ON k.locatie_id = nieuw.id
     WHERE (oud.latitude, oud.longitude, oud.actief) IS DISTINCT FROM (nieuw.latitude, nieuw.longitude, nieuw.actief);
    IF ids IS NOT NULL THEN
        PERFORM sk_herbereken_punten(ids);
    END IF;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS aanbod_locatie_pt_upd ON aanbod_locatie;
CREATE TRIGGER aanbod_locatie_pt_upd AFTER UPDATE ON aanbod_locatie
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw FOR EACH STATEMENT EXECUTE FUNCTION sk_punten_locatie();

-- 3. The aanbod row itself, on INSERT: its points from the link table (none for an ORM insert, whose links
-- follow; filled when the links were loaded first, as the generator's COPY does).
CREATE OR REPLACE FUNCTION sk_punten_rij() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.punten := sk_locatiepunten(NEW.id);
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS aanbod_punten_nieuw ON aanbod_aanbod;
CREATE TRIGGER aanbod_punten_nieuw BEFORE INSERT ON aanbod_aanbod
    FOR EACH ROW EXECUTE FUNCTION sk_punten_rij();

-- 4. Backfill, in one pass (the new column is '{}' everywhere: only aanbod with a located, active
-- location changes).
UPDATE aanbod_aanbod a SET punten = n.punten
  FROM (SELECT k.aanbod_id, array_agg(sk_aardepunt(l.latitude, l.longitude) ORDER BY l.id) AS punten
          FROM aanbod_aanbod_locaties k JOIN aanbod_locatie l ON l.id = k.locatie_id
         WHERE l.actief AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
         GROUP BY k.aanbod_id) n
 WHERE a.id = n.aanbod_id;

ANALYZE aanbod_aanbod;
