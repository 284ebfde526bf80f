# Schema and data in separate migrations: PostgreSQL refuses an index on a table with pending trigger events.

import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("creation", "0002_national_rubric"),
        ("regions", "0002_region_setting"),
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="itemscore",
            name="lead_town",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="牵头乡镇",
            ),
        ),
        migrations.AddField(
            model_name="itemscore",
            name="place",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="责任区划",
            ),
        ),
        migrations.AddField(
            model_name="rubricitem",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="subitems",
                to="creation.rubricitem",
                verbose_name="上级考评内容",
            ),
        ),
        migrations.AlterField(
            model_name="rubricitem",
            name="number",
            field=models.PositiveSmallIntegerField(help_text="子项为其在上级考评内容中的序号", verbose_name="序号"),
        ),
        migrations.CreateModel(
            name="ItemHelper",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "score",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="helpers",
                        to="creation.itemscore",
                        verbose_name="考评得分",
                    ),
                ),
                (
                    "town",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="regions.region",
                        verbose_name="配合乡镇",
                    ),
                ),
                (
                    "unit",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="units.unit",
                        verbose_name="配合单位",
                    ),
                ),
            ],
            options={
                "verbose_name": "配合单位",
                "verbose_name_plural": "配合单位",
                "ordering": ["score", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("town__isnull", False), ("unit__isnull", True)),
                            models.Q(("town__isnull", True), ("unit__isnull", False)),
                            _connector="OR",
                        ),
                        name="item_helper_unit_or_town",
                    ),
                    models.UniqueConstraint(fields=("score", "unit"), name="item_helper_unit_once"),
                    models.UniqueConstraint(fields=("score", "town"), name="item_helper_town_once"),
                ],
            },
        ),
        migrations.CreateModel(
            name="ItemRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("figure", models.CharField(max_length=64, verbose_name="统计指标")),
                ("object_id", models.CharField(max_length=40, verbose_name="记录")),
                ("label", models.CharField(max_length=200, verbose_name="记录摘要")),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
                (
                    "score",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="records",
                        to="creation.itemscore",
                        verbose_name="考评得分",
                    ),
                ),
            ],
            options={
                "verbose_name": "台账记录",
                "verbose_name_plural": "台账记录",
                "ordering": ["score", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("score", "content_type", "object_id"), name="item_record_once")
                ],
            },
        ),
    ]
