"""shuangyong transfer send|accept|return|arrival|list --user USERNAME: moves between counties from the command
line, acting as that user within that user's scope (each county acts for its own side), audited with the command
line as source."""

import json
from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from shuangyong.accounts.models import User
from shuangyong.audit.context import acting_as, command_line_source
from shuangyong.errors import RuleError
from shuangyong.regions.services import RegionNotFound, resolve_region
from shuangyong.registry.models import Person, Transfer
from shuangyong.registry.serializers_transfers import TransferSerializer
from shuangyong.registry.services import lifecycle as life
from shuangyong.registry.services import transfers as moves


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无效：应为 YYYY-MM-DD") from None


def _person(id_number: str) -> Person:
    person = Person.objects.filter(id_number=id_number.strip().upper()).first()
    if person is None:
        raise CommandError("未找到该身份证号的优抚对象")
    return person


def _region(code: str):
    try:
        return resolve_region(code)
    except RegionNotFound as exc:
        raise CommandError(str(exc)) from None


def _transfer(pk: int) -> Transfer:
    transfer = Transfer.objects.filter(pk=pk).first()
    if transfer is None:
        raise CommandError(f"迁移记录 {pk} 不存在")
    return transfer


class Command(BaseCommand):
    help = "跨县迁移：send 迁出，accept 迁入，return 退回，arrival 自本系统外迁入，list 列出"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser("send", help="迁出：迁出当年12月前仍由本县发放")
        send.add_argument("--id-number", required=True, help="优抚对象身份证号")
        send.add_argument("--date", required=True, help="迁出日期 YYYY-MM-DD")
        send.add_argument("--to", help="迁入县（区）代码（本系统内）")
        send.add_argument("--destination", default="", help="迁往（本系统以外时填写）")
        send.add_argument("--files-handed", action="store_true", help="档案已移交")
        accept = sub.add_parser("accept", help="迁入：接收一条待接收的迁移")
        accept.add_argument("transfer", type=int, help="迁移记录编号")
        accept.add_argument("--date", required=True, help="迁入日期 YYYY-MM-DD")
        accept.add_argument("--region", required=True, help="迁入地（乡镇或村）代码")
        back = sub.add_parser("return", help="退回：迁入县不接收")
        back.add_argument("transfer", type=int, help="迁移记录编号")
        back.add_argument("--reason", required=True, help="退回原因")
        arrival = sub.add_parser("arrival", help="自本系统以外迁入（对象须已在本县登记）")
        arrival.add_argument("--id-number", required=True, help="优抚对象身份证号")
        arrival.add_argument("--date", required=True, help="迁入日期 YYYY-MM-DD")
        arrival.add_argument("--origin", required=True, help="原户籍地（迁出县）")
        arrival.add_argument("--paid-through", help="原县已发放至 YYYY-MM-DD（默认迁入当年12月）")
        listing = sub.add_parser("list", help="列出迁移记录")
        listing.add_argument("--state", choices=Transfer.State.values, help="sent / accepted / returned")
        for each in (send, accept, back, arrival, listing):
            each.add_argument("--user", required=True, help="以该用户身份办理（按其管辖范围）")
            each.add_argument("--json", action="store_true", help="以 JSON 输出结果")

    def handle(self, *args, **options):
        action = options["action"]
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"用户“{options['user']}”不存在或已停用")
        options["actor"] = user
        with acting_as(user, command_line_source()):
            try:
                result = getattr(self, f"do_{action}")(options)
            except (RuleError, PermissionDenied) as exc:
                raise CommandError(str(exc)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, default=str))
        elif action == "list":
            for row in result:
                self.stdout.write(
                    f"{row['id']}\t{row['person_name']}\t{row['from_region_name']} → {row['destination']}\t"
                    f"{row['moved_on']}\t{row['state_label']}"
                )
        elif action == "arrival":
            self.stdout.write(f"已登记迁入：{result['name']}，原县发放至 {result['paid_through']}")
        else:
            self.stdout.write(
                f"迁移 {result['id']}：{result['person_name']} 迁往{result['destination']}，{result['state_label']}；"
                f"原县发放至 {result['pay_until'][:7]}"
            )

    def do_send(self, options):
        to = _region(options["to"]) if options.get("to") else None
        transfer = moves.send_transfer(
            _person(options["id_number"]),
            on=_date(options["date"]),
            to_county=to,
            destination=options["destination"],
            files_handed=options["files_handed"],
            user=options["actor"],
        )
        return TransferSerializer(transfer).data

    def do_accept(self, options):
        transfer = moves.accept_transfer(
            _transfer(options["transfer"]),
            on=_date(options["date"]),
            region=_region(options["region"]),
            user=options["actor"],
        )
        return TransferSerializer(transfer).data

    def do_return(self, options):
        transfer = moves.return_transfer(
            _transfer(options["transfer"]), reason=options["reason"], user=options["actor"]
        )
        return TransferSerializer(transfer).data

    def do_arrival(self, options):
        through = _date(options["paid_through"]) if options.get("paid_through") else None
        person = life.record_arrival(
            _person(options["id_number"]),
            on=_date(options["date"]),
            origin=options["origin"],
            paid_through=through,
            user=options["actor"],
        )
        ent = person.entitlements.exclude(paid_through=None).first()
        return {"person": person.pk, "name": person.name, "paid_through": f"{ent.paid_through:%Y-%m}" if ent else ""}

    def do_list(self, options):
        rows = moves.related_to(options["actor"]).select_related("person", "from_region").order_by("-moved_on", "-id")
        if options.get("state"):
            rows = rows.filter(state=options["state"])
        return TransferSerializer(rows, many=True).data
