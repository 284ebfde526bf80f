import shuangyong.sealed
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("conscription", "0004_seal_existing_numbers")]
    operations = [
        migrations.AlterField(
            model_name="servicemember",
            name="id_number_index",
            field=shuangyong.sealed.BlindIndexField(source="id_number", unique=True, verbose_name="身份证号索引"),
        ),
        migrations.AddConstraint(
            model_name='candidate',
            constraint=models.UniqueConstraint(fields=('id_number_index', 'year', 'season'), name='candidate_once_per_campaign'),
        ),
    ]
