from pathlib import Path

from django.db import migrations

# When each aanbod is open in the week, as a trigger-maintained int4multirange (docs in the SQL file).
SQL = (Path(__file__).resolve().parent.parent / "sql" / "0011_open_seconden.sql").read_text()

TERUGDRAAIEN = """
DROP TRIGGER IF EXISTS aanbod_openingsuur_open_ins ON aanbod_openingsuur;
DROP TRIGGER IF EXISTS aanbod_openingsuur_open_del ON aanbod_openingsuur;
DROP TRIGGER IF EXISTS aanbod_openingsuur_open_upd ON aanbod_openingsuur;
DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_open_ins ON aanbod_aanbod_locaties;
DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_open_del ON aanbod_aanbod_locaties;
DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_open_upd ON aanbod_aanbod_locaties;
DROP TRIGGER IF EXISTS aanbod_locatie_open_upd ON aanbod_locatie;
DROP TRIGGER IF EXISTS aanbod_open_nieuw ON aanbod_aanbod;
DROP FUNCTION IF EXISTS sk_open_uren();
DROP FUNCTION IF EXISTS sk_open_koppeling();
DROP FUNCTION IF EXISTS sk_open_locatie();
DROP FUNCTION IF EXISTS sk_open_rij();
DROP FUNCTION IF EXISTS sk_herbereken_open(bigint[]);
DROP FUNCTION IF EXISTS sk_open_seconden(bigint);
DROP FUNCTION IF EXISTS sk_weekseconde(integer, time);
ALTER TABLE aanbod_aanbod DROP COLUMN IF EXISTS open_seconden;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("aanbod", "0010_facetcodes"),
    ]

    operations = [
        migrations.RunSQL(SQL, TERUGDRAAIEN),
    ]
