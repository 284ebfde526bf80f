from django.db import migrations


def carry_over(apps, schema_editor):
    """Every item is worked in its assessment's region; the 配合单位 become helpers."""
    score_model, helper_model = apps.get_model("creation", "ItemScore"), apps.get_model("creation", "ItemHelper")
    for score in score_model.objects.select_related("assessment").prefetch_related("co_units"):
        score.place_id = score.assessment.region_id
        score.save(update_fields=["place"])
        for unit in score.co_units.all():
            helper_model.objects.create(score=score, unit=unit)


class Migration(migrations.Migration):
    dependencies = [("creation", "0003_towns_helpers_records_subitems")]
    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
