"""PostgreSQL: the import's writer in a process of its own.

In a thread, every COPY round trip would have to win the GIL back from the parser, and the two slowed
each other to a crawl on two cores. A forked child with its own connection owns the whole transaction;
the parent parses, turns new persons into COPY text (the child only adds their keys) and the other rows
into column batches, sends them through a queue, then learns the outcome.
"""

import logging
import multiprocessing
import os
import queue
import signal
import sys
import traceback

from django.db import connections

from shuangyong.audit.context import acting_as, current_actor
from shuangyong.registry.importing.rows import ENTITLEMENT_FIELDS, PERSON_FIELDS, RowBatch
from shuangyong.registry.importing.writer import NOT_LOADED, Prepared, existing_ids, prepare
from shuangyong.sheets.problems import Problem

POLL_SECONDS = 1.0
log = logging.getLogger(__name__)


class WriterProcessError(RuntimeError):
    pass


def _pack(batch: RowBatch, target, memo: dict) -> tuple:
    # new persons travel as COPY text; plain lists for the rest pickle fast, a value shared by many rows once
    prepared = prepare(batch, target.known_ids, target.now, target.today, memo)
    rest = prepared.rest
    if rest is not None:
        rest = (
            rest.rows,
            rest.id_numbers,
            [rest.person[f] for f in PERSON_FIELDS],
            rest.categories,
            [rest.entitlement[f] for f in ENTITLEMENT_FIELDS],
            rest.fresh,
        )
    return prepared.id_numbers, prepared.person_lines, prepared.entitlement_lines, rest


def _unpack(packed: tuple) -> Prepared:
    id_numbers, person_lines, entitlement_lines, rest = packed
    if rest is not None:
        numbers, ids, person, categories, entitlement, fresh = rest
        rest = RowBatch(
            numbers,
            ids,
            dict(zip(PERSON_FIELDS, person, strict=True)),
            categories,
            dict(zip(ENTITLEMENT_FIELDS, entitlement, strict=True)),
            fresh,
        )
    return Prepared(id_numbers, person_lines, entitlement_lines, rest)


def _die_with_parent(parent_pid: int) -> None:
    """The child must not outlive the parser: a killed worker would leave it holding its transaction open (and
    every later import waiting on its locks). Linux kills it with the parent; elsewhere it notices on its next poll."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(1)


def _receive(inbox, parent_pid: int):
    while True:
        try:
            return inbox.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if os.getppid() != parent_pid:
                raise WriterProcessError("解析进程已退出") from None


def _child(inbox, outbox, target, user_id, source, write_all, result_type, parent_pid) -> None:
    from shuangyong.accounts.models import User

    _die_with_parent(parent_pid)
    result = result_type()
    parent = {"failed": False}
    try:
        user = User.objects.filter(pk=user_id).first() if user_id else None

        def received():
            while True:
                kind, payload = _receive(inbox, parent_pid)
                if kind == "chunk":
                    parent["failed"], rows = payload
                    yield _unpack(rows)
                elif kind == "end":
                    parent["failed"] = payload
                    return
                else:
                    raise WriterProcessError("解析进程中止")

        with acting_as(user, source):
            write_all(received(), result, target, failed=lambda: parent["failed"] or bool(result.errors))
        outbox.put(
            (
                "done",
                {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "errors": [p.as_dict() for p in result.errors],
                    "batch_id": result.batch_id,
                },
            )
        )
    except BaseException:
        outbox.put(("failed", traceback.format_exc()))
    finally:
        connections.close_all()


def _put(queue, item, child) -> None:
    while True:
        if not child.is_alive():
            raise WriterProcessError("写入进程意外退出")
        try:
            queue.put(item, timeout=POLL_SECONDS)
            return
        except Exception:  # queue.Full
            continue


def _get(queue, child):
    while True:
        try:
            return queue.get(timeout=POLL_SECONDS)
        except Exception:  # queue.Empty
            if not child.is_alive():
                raise WriterProcessError("写入进程意外退出，未写入任何数据") from None


def run_writer_process(chunks, result, target, write_all) -> None:
    context = multiprocessing.get_context("fork")
    inbox, outbox = context.Queue(maxsize=4), context.Queue()
    actor = current_actor()
    if target.known_ids is NOT_LOADED:
        target.known_ids = existing_ids()  # here, so that this process can tell new persons from registered ones
    connections.close_all()  # the child must not share this process's database sockets
    sys.stdout.flush()
    sys.stderr.flush()
    child = context.Process(
        target=_child,
        name="import-writer",
        daemon=True,
        args=(
            inbox,
            outbox,
            target,
            actor.user.pk if actor.user else None,
            actor.source,
            write_all,
            type(result),
            os.getpid(),
        ),
    )
    child.start()
    memo: dict[str, str] = {}
    try:
        for chunk in chunks:
            _put(inbox, ("chunk", (bool(result.errors), _pack(chunk, target, memo))), child)
        _put(inbox, ("end", bool(result.errors)), child)
    except BaseException:
        if child.is_alive():
            inbox.put(("abort", None))
        child.join(timeout=30)
        raise
    kind, payload = _get(outbox, child)
    child.join()
    if kind == "failed":
        log.error("import writer process failed:\n%s", payload)
        raise WriterProcessError("写入失败，未写入任何数据（详情见服务器日志）")
    result.created, result.updated, result.unchanged = payload["created"], payload["updated"], payload["unchanged"]
    result.errors.extend(Problem(**p) for p in payload["errors"])
    result.batch_id = payload["batch_id"]
