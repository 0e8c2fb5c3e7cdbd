"""The addresses of threads, people and organisations editors merged into others: each
answers 301 to the one it was merged into (newsreader.coverage.MergedAddress). Merges made
before this migration deleted their rows and left no trace: their addresses stay 404."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("newsreader", "0019_upload_lease"),
    ]

    operations = [
        migrations.CreateModel(
            name="MergedAddress",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "old",
                    models.CharField(
                        help_text="The slug of a person or organisation, or a thread's id.",
                        max_length=220,
                    ),
                ),
                ("merged_at", models.DateTimeField(auto_now_add=True)),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="merged_addresses",
                        to="newsreader.organisation",
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="merged_addresses",
                        to="newsreader.person",
                    ),
                ),
                (
                    "thread",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="merged_addresses",
                        to="newsreader.thread",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "merged addresses",
                "constraints": [
                    models.CheckConstraint(
                        condition=(
                            models.Q(thread__isnull=False, person=None, organisation=None)
                            | models.Q(thread=None, person__isnull=False, organisation=None)
                            | models.Q(thread=None, person=None, organisation__isnull=False)
                        ),
                        name="merged_address_has_one_survivor",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(thread__isnull=False),
                        fields=("old",),
                        name="unique_merged_thread_address",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(person__isnull=False),
                        fields=("old",),
                        name="unique_merged_person_address",
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(organisation__isnull=False),
                        fields=("old",),
                        name="unique_merged_organisation_address",
                    ),
                ],
            },
        ),
    ]
