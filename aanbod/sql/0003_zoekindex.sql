-- Search index of the catalogue, maintained by PostgreSQL itself (see docs/search.md).
-- Loaded by migration 0003_zoekindex; idempotent (CREATE OR REPLACE / DROP IF EXISTS).

-- Lower case, no accents, no dots inside abbreviations ("D.O.P." -> "dop"): the same rule as
-- aanbod.zoeken.tekst.normaliseer() in Python, so stored words and query words meet.
-- SET search_path FROM CURRENT: PostgreSQL 17+ runs materialized-view refreshes and index builds with
-- a locked-down search_path, in which unaccent() and our tables would not be found.
CREATE OR REPLACE FUNCTION sk_normaliseer(tekst text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
    SELECT regexp_replace(lower(unaccent(coalesce(tekst, ''))), '(\w)\.(?=\w)', '\1', 'g')
$$;

-- The weighted vector of one aanbod: A = its name and the concept's abbreviation; B = the concept's
-- names and synonyms and the organisation; C = description and facet labels; D = concept summary.
CREATE OR REPLACE FUNCTION sk_aanbod_zoekvector(
    p_id bigint, p_naam text, p_beschrijving text, p_organisatie bigint, p_vorm bigint
) RETURNS tsvector
LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT
        setweight(to_tsvector('dutch', sk_normaliseer(p_naam || ' ' || coalesce(v.afkorting, ''))), 'A')
        || setweight(to_tsvector('dutch', sk_normaliseer(
               coalesce(v.naam, '') || ' ' || coalesce(v.volledige_naam, '') || ' '
               || coalesce(array_to_string(v.synoniemen, ' '), '') || ' ' || coalesce(o.naam, ''))), 'B')
        || setweight(to_tsvector('dutch', sk_normaliseer(
               coalesce(p_beschrijving, '') || ' '
               || coalesce((SELECT string_agg(t.label, ' ') FROM aanbod_aanbod_themas k
                            JOIN aanbod_thema t ON t.id = k.thema_id WHERE k.aanbod_id = p_id), '') || ' '
               || coalesce((SELECT string_agg(d.label, ' ') FROM aanbod_aanbod_doelgroepen k
                            JOIN aanbod_doelgroep d ON d.id = k.doelgroep_id WHERE k.aanbod_id = p_id), '') || ' '
               || coalesce((SELECT string_agg(l.label, ' ') FROM aanbod_aanbod_levensdomeinen k
                            JOIN aanbod_levensdomein l ON l.id = k.levensdomein_id WHERE k.aanbod_id = p_id), '')
           )), 'C')
        || setweight(to_tsvector('dutch', sk_normaliseer(coalesce(v.samenvatting, ''))), 'D')
    FROM (SELECT 1) AS een
    LEFT JOIN aanbod_organisatie o ON o.id = p_organisatie
    LEFT JOIN aanbod_ondersteuningsvorm v ON v.id = p_vorm
$$;

-- 1. The aanbod row itself.
CREATE OR REPLACE FUNCTION sk_aanbod_zoekvector_rij() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.zoekvector := sk_aanbod_zoekvector(NEW.id, NEW.naam, NEW.beschrijving, NEW.organisatie_id,
                                           NEW.ondersteuningsvorm_id);
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS aanbod_zoekvector ON aanbod_aanbod;
CREATE TRIGGER aanbod_zoekvector
    BEFORE INSERT OR UPDATE OF naam, beschrijving, organisatie_id, ondersteuningsvorm_id ON aanbod_aanbod
    FOR EACH ROW EXECUTE FUNCTION sk_aanbod_zoekvector_rij();

-- 2. Facet links (themes, target groups, life domains): once per statement, so bulk inserts stay fast.
CREATE OR REPLACE FUNCTION sk_aanbod_zoekvector_koppeling() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE aanbod_aanbod a
       SET zoekvector = sk_aanbod_zoekvector(a.id, a.naam, a.beschrijving, a.organisatie_id,
                                             a.ondersteuningsvorm_id)
     WHERE a.id IN (SELECT DISTINCT aanbod_id FROM gewijzigd);
    RETURN NULL;
END $$;

DO $$
DECLARE tabel text;
BEGIN
    FOREACH tabel IN ARRAY ARRAY['aanbod_aanbod_themas', 'aanbod_aanbod_doelgroepen', 'aanbod_aanbod_levensdomeinen']
    LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tabel || '_zv_ins', tabel);
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', tabel || '_zv_del', tabel);
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS gewijzigd '
                       'FOR EACH STATEMENT EXECUTE FUNCTION sk_aanbod_zoekvector_koppeling()',
                       tabel || '_zv_ins', tabel);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS gewijzigd '
                       'FOR EACH STATEMENT EXECUTE FUNCTION sk_aanbod_zoekvector_koppeling()',
                       tabel || '_zv_del', tabel);
    END LOOP;
END $$;

-- 3. Texts that live elsewhere: organisation name, concept texts, facet labels.
CREATE OR REPLACE FUNCTION sk_aanbod_zoekvector_bron() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- TG_ARGV[0]: how aanbod rows refer to the changed row.
    EXECUTE format(
        'UPDATE aanbod_aanbod a SET zoekvector = sk_aanbod_zoekvector(a.id, a.naam, a.beschrijving, '
        'a.organisatie_id, a.ondersteuningsvorm_id) WHERE %s', TG_ARGV[0])
    USING NEW.id;
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS organisatie_zoekvector ON aanbod_organisatie;
CREATE TRIGGER organisatie_zoekvector AFTER UPDATE OF naam ON aanbod_organisatie
    FOR EACH ROW WHEN (OLD.naam IS DISTINCT FROM NEW.naam)
    EXECUTE FUNCTION sk_aanbod_zoekvector_bron('a.organisatie_id = $1');

DROP TRIGGER IF EXISTS ondersteuningsvorm_zoekvector ON aanbod_ondersteuningsvorm;
CREATE TRIGGER ondersteuningsvorm_zoekvector
    AFTER UPDATE OF naam, afkorting, volledige_naam, synoniemen, samenvatting ON aanbod_ondersteuningsvorm
    FOR EACH ROW WHEN ((OLD.naam, OLD.afkorting, OLD.volledige_naam, OLD.synoniemen, OLD.samenvatting)
                       IS DISTINCT FROM (NEW.naam, NEW.afkorting, NEW.volledige_naam, NEW.synoniemen, NEW.samenvatting))
    EXECUTE FUNCTION sk_aanbod_zoekvector_bron('a.ondersteuningsvorm_id = $1');

DROP TRIGGER IF EXISTS thema_zoekvector ON aanbod_thema;
CREATE TRIGGER thema_zoekvector AFTER UPDATE OF label ON aanbod_thema
    FOR EACH ROW WHEN (OLD.label IS DISTINCT FROM NEW.label)
    EXECUTE FUNCTION sk_aanbod_zoekvector_bron('a.id IN (SELECT aanbod_id FROM aanbod_aanbod_themas WHERE thema_id = $1)');

DROP TRIGGER IF EXISTS doelgroep_zoekvector ON aanbod_doelgroep;
CREATE TRIGGER doelgroep_zoekvector AFTER UPDATE OF label ON aanbod_doelgroep
    FOR EACH ROW WHEN (OLD.label IS DISTINCT FROM NEW.label)
    EXECUTE FUNCTION sk_aanbod_zoekvector_bron(
        'a.id IN (SELECT aanbod_id FROM aanbod_aanbod_doelgroepen WHERE doelgroep_id = $1)');

DROP TRIGGER IF EXISTS levensdomein_zoekvector ON aanbod_levensdomein;
CREATE TRIGGER levensdomein_zoekvector AFTER UPDATE OF label ON aanbod_levensdomein
    FOR EACH ROW WHEN (OLD.label IS DISTINCT FROM NEW.label)
    EXECUTE FUNCTION sk_aanbod_zoekvector_bron(
        'a.id IN (SELECT aanbod_id FROM aanbod_aanbod_levensdomeinen WHERE levensdomein_id = $1)');

UPDATE aanbod_aanbod SET zoekvector = sk_aanbod_zoekvector(id, naam, beschrijving, organisatie_id, ondersteuningsvorm_id);

-- Words for spelling suggestions ("dementei" -> "dementie"): a trigram index over the distinct words of
-- the catalogue, far cheaper than trigram similarity over all names (search-performance notes).
-- Refreshed by aanbod.zoeken.woorden.ververs_zoekwoorden() after loads and by a management command.
DROP MATERIALIZED VIEW IF EXISTS aanbod_zoekwoord;
CREATE MATERIALIZED VIEW aanbod_zoekwoord AS
SELECT woord, count(*)::integer AS aantal
FROM (
    SELECT regexp_split_to_table(sk_normaliseer(naam || ' ' || beschrijving), '[^a-z0-9]+') AS woord
      FROM aanbod_aanbod WHERE status <> 'stopgezet'
    UNION ALL
    SELECT regexp_split_to_table(sk_normaliseer(naam || ' ' || afkorting || ' ' || array_to_string(synoniemen, ' ')),
                                 '[^a-z0-9]+')
      FROM aanbod_ondersteuningsvorm WHERE actief
    UNION ALL
    SELECT regexp_split_to_table(sk_normaliseer(term || ' ' || afkorting || ' ' || array_to_string(synoniemen, ' ')),
                                 '[^a-z0-9]+')
      FROM aanbod_begrip WHERE actief
    UNION ALL
    SELECT regexp_split_to_table(sk_normaliseer(label), '[^a-z0-9]+') FROM aanbod_thema WHERE actief
    UNION ALL
    SELECT regexp_split_to_table(sk_normaliseer(label), '[^a-z0-9]+') FROM aanbod_doelgroep WHERE actief
) AS alle_woorden
WHERE length(woord) >= 4
GROUP BY woord;

CREATE UNIQUE INDEX aanbod_zoekwoord_woord ON aanbod_zoekwoord (woord);
CREATE INDEX aanbod_zoekwoord_trgm ON aanbod_zoekwoord USING gin (woord gin_trgm_ops);

-- Distance from a postcode or municipality: index-ordered nearest-neighbour on locations.
CREATE INDEX IF NOT EXISTS aanbod_locatie_aarde ON aanbod_locatie USING gist (ll_to_earth(latitude, longitude))
    WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
