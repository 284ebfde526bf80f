import sys

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from shuangyong import fieldcrypt
from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record_event
from shuangyong.sealed import BlindIndexField, LastDigitsField, SealedField

BATCH = 2000


def sealed_models():
    for model in apps.get_models():
        sealed = [f for f in model._meta.concrete_fields if isinstance(f, SealedField)]
        if sealed:
            siblings = [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField | LastDigitsField)]
            yield model, sealed, siblings


def rotate(new: fieldcrypt.Keys) -> dict[str, int]:
    """Every sealed value and blind index rewritten under `new`, in the caller's transaction."""
    counts = {}
    for model, sealed, siblings in sealed_models():
        table = connection.ops.quote_name(model._meta.db_table)
        columns = [*sealed, *siblings]
        assignments = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in columns)
        sql = f"UPDATE {table} SET {assignments} WHERE id = %s"
        done = 0
        rows = model._base_manager.order_by("pk").values_list("pk", *(f.attname for f in sealed))  # decrypted
        batch = []
        for pk, *plain in rows.iterator(chunk_size=BATCH):
            values = dict(zip((f.attname for f in sealed), plain, strict=True))
            params = [new.encrypt(v, f.kind) if v else v for f, v in zip(sealed, plain, strict=True)]
            params += [sibling.compute(values.get(sibling.source), new) for sibling in siblings]
            batch.append([*params, pk])
            if len(batch) == BATCH:
                with connection.cursor() as cursor:
                    cursor.executemany(sql, batch)
                done, batch = done + len(batch), []
        if batch:
            with connection.cursor() as cursor:
                cursor.executemany(sql, batch)
            done += len(batch)
        counts[model._meta.label] = done
    return counts


class Command(BaseCommand):
    help = (
        "更换个人号码（身份证号、银行账号、电话）的加密主密钥：用当前密钥解密，以新密钥重新加密并重算检索索引，"
        "在一个事务中完成。运行前停止网页服务和后台任务进程，完成后把配置改为新密钥再启动。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--new-key-file", help="新主密钥文件（32 字节随机数的 URL 安全 Base64）")
        parser.add_argument("--generate", action="store_true", help="只打印一个新生成的主密钥，不改数据")

    def handle(self, *args, new_key_file=None, generate=False, **options):
        if generate:
            self.stdout.write(fieldcrypt.new_master_key())
            return
        if not new_key_file:
            raise CommandError("请用 --new-key-file 指定新密钥文件（可先用 --generate 生成）")
        try:
            new = fieldcrypt.Keys(fieldcrypt.read_master_key(None, new_key_file))
        except fieldcrypt.FieldKeyError as exc:
            raise CommandError(str(exc)) from None
        with acting_as(source=command_line_source()), transaction.atomic():
            counts = rotate(new)
            record_event(AuditAction.UPDATE, model="fieldcrypt", object_repr="加密主密钥", note=f"更换密钥：{counts}")
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count} 行")
        self.stdout.write("已用新密钥重新加密。请把 FIELD_ENCRYPTION_KEY(_FILE) 改为新密钥后再启动服务。")
        sys.stdout.flush()
