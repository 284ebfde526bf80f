"""Importing an office roster (花名册) of 优抚对象: `import_persons(path, region=..., user=...)`.

All rows are checked, every problem is reported with its Excel row and column, and the import is one
transaction: if any row is wrong nothing is written. Importing the same sheet again changes nothing.
"""

import contextvars
import gc
import hashlib
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from queue import Queue
from threading import Thread

from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from shuangyong.accounts.scope import ensure_can_write
from shuangyong.audit.context import actor_for, current_actor
from shuangyong.audit.models import AuditAction
from shuangyong.audit.services import record
from shuangyong.regions.codes import Level
from shuangyong.regions.models import Region
from shuangyong.registry.importing.headers import read_roster_header
from shuangyong.registry.importing.lookups import CategoryMatcher
from shuangyong.registry.importing.rows import RosterParser
from shuangyong.registry.importing.writer import NOT_LOADED, ChunkWriter
from shuangyong.registry.models import Category, Entitlement, ImportBatch, Person
from shuangyong.sheets.headers import unread_columns
from shuangyong.sheets.places import RegionMatcher
from shuangyong.sheets.problems import ImportCounts, Problem, SheetError
from shuangyong.sheets.reader import open_sheet

CHUNK = 5000
ANALYZE_AFTER = 10_000  # rows written


@dataclass
class ImportResult(ImportCounts):
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


class _Rollback(Exception):
    pass


def _known_region_prefix():
    prefixes = {code[:6] for code in Region.objects.filter(level=Level.COUNTY).values_list("code", flat=True)}
    # without the national table loaded every number would warn; then don't judge region codes at all
    return prefixes.__contains__ if len(prefixes) > 100 else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _rows_after_header(path: Path):
    sheet = open_sheet(path)
    header, data_rows = read_roster_header(sheet)
    return header.row, header.cells, header, data_rows, sheet


def _seen_again(row, id_number, name, region_id, category, first: tuple, seen: dict, errors, id_header) -> bool:
    """Same ID twice: fine for a second category with identical personal data, wrong otherwise.

    `seen` keeps a small tuple per ID (a million rows pass through it), not the row itself.
    """
    first_row, first_name, first_region, categories = first
    if category in categories if isinstance(categories, set) else category == categories:
        errors.append(Problem(row, id_header, f"与第 {first_row} 行重复（同一人同一类别）"))
        return False
    if first_name != name or first_region != region_id:
        label = "姓名" if first_name != name else "所在区划"
        errors.append(Problem(row, id_header, f"与第 {first_row} 行是同一身份证号，但{label}不同"))
        return False
    known = categories if isinstance(categories, set) else {categories}
    seen[id_number] = (first_row, first_name, first_region, known | {category})
    return True


def _category_matcher(default_code: str | None) -> CategoryMatcher:
    categories = list(Category.objects.filter(is_active=True))
    default = None
    if default_code:
        default = next((c for c in categories if c.code == default_code), None)
        if default is None:
            raise SheetError(f"默认优抚类别“{default_code}”不存在，应为 {'、'.join(c.code for c in categories)} 之一")
    return CategoryMatcher(categories, default)


def import_persons(
    path: Path,
    *,
    region: Region,
    user,
    dry_run: bool = False,
    progress=None,
    file_name: str | None = None,
    today: date | None = None,
    default_category: str | None = None,
) -> ImportResult:
    """`default_category` (a category code) is the category of every row whose 类别 is empty, or of every row of a
    sheet without that column."""
    today = today or timezone.localdate()
    path = Path(path)
    result = ImportResult()
    with actor_for(user), _cyclic_gc_paused():
        ensure_can_write(user, Person(region=region))
        header_row, header_cells, header, data_rows, sheet = _rows_after_header(path)
        columns = header.columns
        result.header_row = header_row
        headers = {key: str(header_cells[index]).strip() for key, index in columns.items()}
        result.columns = {headers[key]: index for key, index in columns.items()}
        result.warnings += unread_columns(header)
        parser = RosterParser(
            columns,
            headers,
            RegionMatcher(region),
            _category_matcher(default_category),
            _known_region_prefix(),
            today,
        )
        if progress is not None:
            progress.set_total(max(0, (sheet.total_rows or 0) - header_row))
        target = WriteTarget(
            region=region,
            columns=columns,
            headers=headers,
            today=today,
            dry_run=dry_run,
            file_name=file_name or path.name,
            sha256=_sha256(path),
        )
        chunks = _parsed_chunks(data_rows, parser, result, progress)
        try:
            if connection.in_atomic_block or (connection.vendor == "sqlite" and connection.is_in_memory_db()):
                # inside a caller's transaction stay on its connection; an in-memory SQLite database (the
                # tests') answers "table is locked" at once to a second thread instead of waiting
                _write_all(chunks, result, target)
            elif connection.vendor == "postgresql":
                write_in_process(chunks, result, target)
            else:
                _write_in_thread(chunks, result, target, progress)
        except IntegrityError as exc:
            result.errors.append(Problem(0, headers["id_number"], f"写入时发生冲突（可能同时有人导入了同一人）：{exc}"))
    result.errors.sort(key=lambda p: p.row)
    if result.batch_id and result.created + result.updated >= ANALYZE_AFTER and connection.vendor == "postgresql":
        _refresh_statistics()
    return result


@contextmanager
def _cyclic_gc_paused():
    """A big sheet keeps millions of objects alive; the cycle collector rescanned them all every few hundred
    thousand new ones (1 s of every 4 s of parsing), and the import makes no garbage cycles worth finding."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _refresh_statistics() -> None:
    """PostgreSQL: after a big load the planner's row counts are stale until autovacuum catches up, and it
    picks sorts over index walks for the lists (2.2 s instead of 35 ms); refresh them now. SQLite is left
    without statistics on purpose: with them it walked the list index instead of the initials index."""
    tables = [Person._meta.db_table, Entitlement._meta.db_table]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')


@dataclass
class WriteTarget:
    region: Region
    columns: dict
    headers: dict
    today: date
    dry_run: bool
    file_name: str
    sha256: str
    now: datetime = field(default_factory=timezone.now)
    known_ids: object = NOT_LOADED  # ID numbers registered before the import, when loaded ahead of the writer


def _slices(data_rows, size: int):
    items = []
    for item in data_rows:
        items.append(item)
        if len(items) >= size:
            yield items
            items = []
    if items:
        yield items


def _parsed_chunks(data_rows, parser: RosterParser, result: ImportResult, progress):
    """Parse and check every row; yield the good ones in column batches. Problems go to result.errors."""
    seen: dict = {}
    done = 0
    id_header = parser.column("id_number")
    for items in _slices(data_rows, CHUNK):
        done += len(items)
        parsed = parser.parse(items)
        result.errors.extend(parsed.errors)
        result.warnings.extend(parsed.warnings)
        batch = parsed.batch
        numbers, ids, names = batch.rows, batch.id_numbers, batch.person["name"]
        regions, categories = batch.person["region_id"], batch.categories
        if len(set(ids)) == len(ids) and seen.keys().isdisjoint(ids):
            # the usual slice: every ID number new
            seen.update(zip(ids, zip(numbers, names, regions, categories, strict=True), strict=True))
        else:
            keep = [True] * len(batch)
            for i in range(len(batch)):
                entry = (numbers[i], names[i], regions[i], categories[i])
                first = seen.setdefault(ids[i], entry)
                if first is not entry:
                    batch.fresh[i] = False
                    if not _seen_again(
                        numbers[i], ids[i], names[i], regions[i], categories[i], first, seen, result.errors, id_header
                    ):
                        keep[i] = False
            if False in keep:
                batch = batch.keep(keep)
        if batch:
            yield batch
        if progress is not None:
            progress.set_done(done)
    if progress is not None:
        progress.set_done(done, flush=True)


def _write_all(chunks, result: ImportResult, target: WriteTarget, failed=None) -> None:
    """The import's one transaction: write each chunk while no error is known, then commit or roll back.

    `failed()` says whether any error is known so far (the parser's and the writer's); by default result.errors.
    """
    failed = failed or (lambda: bool(result.errors))
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # check foreign keys as rows arrive (overlapping the parsing) instead of all at COMMIT
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            actor = current_actor().user
            batch = ImportBatch.objects.create(
                file_name=target.file_name, file_sha256=target.sha256, region=target.region, created_by=actor
            )
            writer = ChunkWriter(
                root=target.region,
                batch=batch,
                columns=target.columns,
                actor=actor,
                today=target.today,
                id_header=target.headers["id_number"],
                now=target.now,
                known_ids=target.known_ids,
            )
            for chunk in chunks:
                if not failed():  # once a row is wrong nothing will be kept: stop writing, keep checking
                    result.errors.extend(writer.write(chunk))
            result.created, result.updated, result.unchanged = writer.created, writer.updated, writer.unchanged
            if failed() or target.dry_run:
                raise _Rollback
            if not (writer.created or writer.updated):
                batch.delete()  # nothing changed: a repeated import leaves no trace
                return
            batch.created, batch.updated, batch.unchanged = writer.created, writer.updated, writer.unchanged
            batch.warnings = [w.as_dict() for w in result.warnings[:1000]]
            batch.save()
            summary = {
                "file": batch.file_name,
                "sha256": batch.file_sha256,
                "created": batch.created,
                "updated": batch.updated,
                "unchanged": batch.unchanged,
            }
            record(AuditAction.CREATE, batch, None, summary, note="导入优抚对象花名册")
            result.batch_id = batch.pk
    except _Rollback:
        pass


_STOP, _ABORT = object(), object()


class _Aborted(Exception):
    pass


def _write_in_thread(chunks, result: ImportResult, target: WriteTarget, progress) -> None:
    """SQLite: parse on this thread while another writes (sqlite3 works without the GIL).

    The writer thread owns the whole transaction (a Django connection belongs to one thread).
    """
    queue: Queue = Queue(maxsize=4)
    failure: list[BaseException] = []

    def received():
        while True:
            item = queue.get()
            if item is _STOP:
                return
            if item is _ABORT:
                raise _Aborted
            yield item

    def work():
        try:
            _write_all(received(), result, target)
        except _Aborted:
            pass
        except BaseException as exc:  # handed to the calling thread below
            failure.append(exc)
            while queue.get() not in (_STOP, _ABORT):  # let the producer finish
                pass
        finally:
            connections.close_all()  # this thread's connections only

    thread = Thread(target=contextvars.copy_context().run, args=(work,), name="import-writer")
    thread.start()
    # Progress stays in memory until the writer has committed: writing it would need the database's one write
    # lock, which the writer holds while it waits for this thread's next chunk (a deadlock until the busy timeout,
    # "database is locked", on every upload-page import).
    hold = progress.hold() if progress is not None else nullcontext()
    with hold:
        try:
            for chunk in chunks:
                queue.put(chunk)
            queue.put(_STOP)
        except BaseException:
            queue.put(_ABORT)
            thread.join()
            raise
        thread.join()
    if failure:
        raise failure[0]


def write_in_process(chunks, result: ImportResult, target: WriteTarget) -> None:
    from shuangyong.registry.importing.process_writer import run_writer_process

    run_writer_process(chunks, result, target, _write_all)
