from django.db import migrations


def load(apps, schema_editor):
    from shuangyong.todo.calendar import load_calendar

    load_calendar(apps.get_model("todo", "CalendarDate"))


class Migration(migrations.Migration):
    dependencies = [("todo", "0001_calendar")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
