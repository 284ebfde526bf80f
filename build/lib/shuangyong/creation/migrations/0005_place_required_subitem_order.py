import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("creation", "0004_carry_over")]
    operations = [
        migrations.AlterField(
            model_name="itemscore",
            name="place",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.region",
                verbose_name="责任区划",
            ),
        ),
        migrations.RemoveField(
            model_name="itemscore",
            name="co_units",
        ),
        migrations.AlterModelOptions(
            name="rubricitem",
            options={
                "ordering": [
                    "section__number",
                    django.db.models.functions.comparison.Coalesce("parent__number", "number"),
                    models.OrderBy(models.F("parent"), nulls_first=True),
                    "number",
                ],
                "verbose_name": "考评内容",
                "verbose_name_plural": "考评内容",
            },
        ),
    ]
