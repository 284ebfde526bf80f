"""Personal numbers encrypted at rest: ciphertext in the tables, plain values to the code, lookups by blind index,
search by the last four, and a key rotation that keeps everything readable under the new key."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from shuangyong import fieldcrypt
from shuangyong.registry.models import Person
from shuangyong.registry.tests.sheets import make_id

pytestmark = pytest.mark.django_db
NUMBER, ACCOUNT, PHONE = make_id("19500315", 11), "6228480402564890018", "13812345678"


def stored(column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM registry_person WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def person(county):
    return Person.objects.create(
        id_number=NUMBER,
        name="张三",
        sex="M",
        birth_date=date(1950, 3, 15),
        region=county["village_a1"],
        bank_account=ACCOUNT,
        phone=PHONE,
    )


def test_the_tables_hold_ciphertext_and_the_code_sees_plain_values(person):
    for column, plain in (("id_number", NUMBER), ("bank_account", ACCOUNT), ("phone", PHONE)):
        raw = stored(column, person.pk)
        assert raw.startswith("e1:") and plain not in raw
    again = Person.objects.get(pk=person.pk)
    assert (again.id_number, again.bank_account, again.phone) == (NUMBER, ACCOUNT, PHONE)
    assert stored("id_number_last4", person.pk) == NUMBER[-4:]
    assert Person.objects.filter(id_number=NUMBER).get() == person  # through the blind index
    assert Person.objects.filter(id_number__in=[NUMBER, make_id("19600101", 12)]).count() == 1
    assert not Person.objects.filter(id_number=make_id("19600101", 12)).exists()


def test_two_writes_of_one_number_differ_but_its_index_does_not(person, county):
    first = stored("id_number", person.pk)
    person.save()
    assert stored("id_number", person.pk) != first  # a fresh nonce each time
    assert stored("id_number_index", person.pk) == fieldcrypt.keys().blind(NUMBER)


def test_a_duplicate_number_breaks_the_unique_index(person, county):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            id_number=NUMBER, name="重复", sex="M", birth_date=date(1950, 3, 15), region=county["town_a"]
        )


def test_lookups_that_need_plain_text_are_refused(person):
    from django.core.exceptions import FieldError

    with pytest.raises(FieldError, match="已加密存储"):
        list(Person.objects.filter(id_number__contains="1950"))


def test_a_changed_ciphertext_fails_to_decrypt(person):
    raw = stored("id_number", person.pk)
    tampered = raw[:-6] + ("A" if raw[-6] != "A" else "B") + raw[-5:]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE registry_person SET id_number = %s WHERE id = %s", [tampered, person.pk])
    with pytest.raises(fieldcrypt.DecryptionError):
        Person.objects.get(pk=person.pk)


def test_rotate_key_re_encrypts_under_the_new_key(person, tmp_path, settings):
    new_key = fieldcrypt.new_master_key()
    key_file = tmp_path / "new.key"
    key_file.write_text(new_key, encoding="ascii")
    before = stored("id_number", person.pk)
    call_command("rotate_key", new_key_file=str(key_file))
    assert stored("id_number", person.pk) != before
    with pytest.raises(fieldcrypt.DecryptionError):
        Person.objects.get(pk=person.pk)  # the old key no longer opens it
    with override_settings(FIELD_ENCRYPTION_MASTER_KEY=fieldcrypt.parse_master_key(new_key)):
        again = Person.objects.get(id_number=NUMBER)
        assert (again.pk, again.bank_account, again.phone) == (person.pk, ACCOUNT, PHONE)


def test_data_migration_helpers_recompute_the_siblings_of_existing_rows(person):
    from shuangyong.sealed import fill_sibling, seal_existing

    Person.objects.filter(pk=person.pk).update(bank_account_shape="", id_number_last4="", id_number_index="")
    fill_sibling(Person, "bank_account_shape")
    assert (stored("bank_account_shape", person.pk), stored("id_number_last4", person.pk)) == ("ok", "")
    seal_existing(Person)
    assert (stored("id_number_last4", person.pk), stored("bank_account_shape", person.pk)) == (NUMBER[-4:], "ok")
    assert Person.objects.filter(id_number=NUMBER).get() == person
