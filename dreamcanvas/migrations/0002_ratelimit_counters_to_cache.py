"""Rate-limit counters now live in Django's cache: forget the model, keep the table.

State only: ``dreamcanvas_ratelimitcounter`` stays in the database, untouched, so
workers of the previous release (which still write to it) keep working while a
rolling deploy replaces them. Its rows are one-minute counts that nothing reads any
more. A later release may drop the table (``DROP TABLE dreamcanvas_ratelimitcounter``).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dreamcanvas", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RateLimitCounter")],
            database_operations=[],
        ),
    ]
