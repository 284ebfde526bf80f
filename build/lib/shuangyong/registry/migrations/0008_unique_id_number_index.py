from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_seal_existing_numbers")]
    operations = [
        migrations.AddConstraint(
            model_name='person',
            constraint=models.UniqueConstraint(fields=('id_number_index',), name='person_unique_id_number'),
        ),
    ]
