"""Progress of long commands on a terminal: a line updated in place and a line per note; off a terminal the
notes only; never a personal number."""

import io

from django.core.management.base import OutputWrapper

from shuangyong.terminal import TerminalProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_count_is_redrawn_in_place_and_notes_are_lines():
    screen = Terminal()
    progress = TerminalProgress(OutputWrapper(screen))
    progress.set_total(1000)
    progress.set_done(250, flush=True)
    progress.note("读取 350123198001011234 所在行")
    progress.set_done(1000, flush=True)
    progress.finish()
    text = screen.getvalue()
    assert "\r[0:00] 已处理 250 / 1,000（25%），约剩 0:0" in text
    assert "\n[0:00] 读取 3501**********1234 所在行\n" in text
    assert text.endswith("\r[0:00] 已处理 1,000 / 1,000（100%）\x1b[K\n")


def test_off_a_terminal_only_the_notes_are_written():
    log = io.StringIO()
    progress = TerminalProgress(OutputWrapper(log))
    progress.set_total(10)
    for _ in range(10):
        progress.advance()
    progress.note("完成")
    progress.finish()
    assert log.getvalue() == "[0:00] 完成\n"
