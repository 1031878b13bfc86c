"""The event log is append-only: PostgreSQL refuses UPDATE and DELETE (also from the admin or a shell).

The single exception keeps retention possible: clearing a free-text note (toelichting) to '' when the
retention period of the referral has passed; nothing else about the event may change.
"""

from django.db import migrations

SQL = """
CREATE OR REPLACE FUNCTION dv_gebeurtenis_alleen_toevoegen() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.toelichting = ''
       AND (NEW.id, NEW.doorverwijzing_id, NEW.actor_id, NEW.soort, NEW.van_status, NEW.naar_status,
            NEW.reden, NEW.tijdstip)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.doorverwijzing_id, OLD.actor_id, OLD.soort, OLD.van_status, OLD.naar_status,
            OLD.reden, OLD.tijdstip)
    THEN
        RETURN NEW;  -- pseudonymisation of the note only
    END IF;
    RAISE EXCEPTION 'Het gebeurtenissenlog van een doorverwijzing kan niet gewijzigd of gewist worden (%).', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE TRIGGER dv_gebeurtenis_alleen_toevoegen
    BEFORE UPDATE OR DELETE ON doorverwijzing_gebeurtenis
    FOR EACH ROW EXECUTE FUNCTION dv_gebeurtenis_alleen_toevoegen();
"""

TERUG = """
DROP TRIGGER IF EXISTS dv_gebeurtenis_alleen_toevoegen ON doorverwijzing_gebeurtenis;
DROP FUNCTION IF EXISTS dv_gebeurtenis_alleen_toevoegen();
"""


class Migration(migrations.Migration):
    dependencies = [("doorverwijzing", "0001_doorverwijzingen")]
    operations = [migrations.RunSQL(SQL, TERUG)]
