from pathlib import Path

from django.db import migrations

# Every facet value of an aanbod as one generated text[] column (docs in the SQL file).
SQL = (Path(__file__).resolve().parent.parent / "sql" / "0010_facetcodes.sql").read_text()

TERUGDRAAIEN = """
ALTER TABLE aanbod_aanbod DROP COLUMN IF EXISTS facetcodes;
DROP FUNCTION IF EXISTS sk_facetcodes(integer[], integer[], integer[], integer[], varchar[], varchar[], varchar, varchar);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("aanbod", "0009_locatiepunten"),
    ]

    operations = [
        migrations.RunSQL(SQL, TERUGDRAAIEN),
    ]
