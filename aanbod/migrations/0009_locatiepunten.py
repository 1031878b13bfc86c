from pathlib import Path

from django.db import migrations

# The points of each aanbod's active locations as a trigger-maintained cube[] column (docs in the SQL file).
SQL = (Path(__file__).resolve().parent.parent / "sql" / "0009_locatiepunten.sql").read_text()

TERUGDRAAIEN = """
DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_pt_ins ON aanbod_aanbod_locaties;
DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_pt_del ON aanbod_aanbod_locaties;
DROP TRIGGER IF EXISTS aanbod_aanbod_locaties_pt_upd ON aanbod_aanbod_locaties;
DROP TRIGGER IF EXISTS aanbod_locatie_pt_upd ON aanbod_locatie;
DROP TRIGGER IF EXISTS aanbod_punten_nieuw ON aanbod_aanbod;
DROP FUNCTION IF EXISTS sk_punten_koppeling();
DROP FUNCTION IF EXISTS sk_punten_locatie();
DROP FUNCTION IF EXISTS sk_punten_rij();
DROP FUNCTION IF EXISTS sk_herbereken_punten(bigint[]);
DROP FUNCTION IF EXISTS sk_locatiepunten(bigint);
DROP FUNCTION IF EXISTS sk_aardepunt(double precision, double precision);
ALTER TABLE aanbod_aanbod DROP COLUMN IF EXISTS punten;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("aanbod", "0008_organisatie_inactief"),
    ]

    operations = [
        migrations.RunSQL(SQL, TERUGDRAAIEN),
    ]
