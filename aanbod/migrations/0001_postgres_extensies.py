"""PostgreSQL extensions the catalogue relies on: Dutch search without accents, typo tolerance, distance."""

from django.contrib.postgres.operations import (
    BtreeGistExtension,
    CreateExtension,
    TrigramExtension,
    UnaccentExtension,
)
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        BtreeGistExtension(),
        CreateExtension("cube"),
        CreateExtension("earthdistance"),
    ]
