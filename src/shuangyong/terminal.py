"""Progress of a long command on the operator's terminal (a 1M-row import or a county's payment run takes a
minute or more). It speaks the protocol a background job's progress speaks (jobs.progress.Progress: set_total,
set_done, advance, note), so a service that reports to a job reports to a terminal the same way.

On a terminal a line updates in place (count, share, elapsed time, time left) and each note is a line of its own;
off a terminal (a pipe, cron, a log) only the notes are written, so scripts and logs stay plain. Everything goes
to stderr: stdout keeps the result (the JSON of --json)."""

import time
from contextlib import contextmanager

from shuangyong.privacy import redact_text

MIN_INTERVAL = 0.5  # seconds between redraws


class TerminalProgress:
    def __init__(self, stderr):
        """`stderr`: a command's self.stderr (Django's OutputWrapper: write(text, ending=...), isatty())."""
        self.out = stderr
        self.live = stderr.isatty()
        self.total = 0
        self.done = 0
        self.started = time.monotonic()
        self._drawn_at = 0.0
        self._line_open = False

    def set_total(self, total: int) -> None:
        self.total = total
        self._draw()

    def set_done(self, done: int, *, flush: bool = False) -> None:
        self.done = done
        self._draw(force=flush)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw()

    def note(self, message: str) -> None:
        self._end_line()
        self.out.write(f"[{self._elapsed()}] {redact_text(message)}")

    @contextmanager
    def hold(self):
        """As a job's progress has it (jobs.progress.Progress.hold): a terminal needs no holding back."""
        yield

    def finish(self) -> None:
        self._draw(force=True)
        self._end_line()

    def line(self) -> str:
        text = f"已处理 {self.done:,}"
        if self.total:
            share = min(self.done / self.total, 1.0)
            text += f" / {self.total:,}（{share:.0%}）"
            seconds = time.monotonic() - self.started
            if 0 < share < 1:
                text += f"，约剩 {_clock(seconds / share - seconds)}"
        return f"[{self._elapsed()}] {text}"

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.live or (not force and now - self._drawn_at < MIN_INTERVAL) or not (self.done or self.total):
            return
        self.out.write("\r" + self.line() + "\x1b[K", ending="")
        self.out.flush()
        self._drawn_at = now
        self._line_open = True

    def _end_line(self) -> None:
        if self._line_open:
            self.out.write("")
            self._line_open = False

    def _elapsed(self) -> str:
        return _clock(time.monotonic() - self.started)


def _clock(seconds: float) -> str:
    minutes, second = divmod(int(seconds), 60)
    return f"{minutes}:{second:02d}"
