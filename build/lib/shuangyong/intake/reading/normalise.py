"""Traditional → simplified (OpenCC) and full-width → half-width, keeping every offset into the original.

`Normalised.text` is what the rules read; `Normalised.origin(i)` is the offset in the original text of the
character at `i`. OpenCC's t2s keeps the length of almost every phrase; a line where it does not is converted
character by character instead, which keeps a one-to-one map (at the cost of the few phrase-level choices).
"""

from dataclasses import dataclass
from functools import cache

# Full-width forms whose meaning the rules need in ASCII: digits, letters, %, ., +, -, /, :, and the
# ideographic space. CJK punctuation (，。；：（）) stays as written; the rules accept both forms.
_WIDE = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
_WIDE.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_WIDE.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_WIDE.update({"％": "%", "．": ".", "＋": "+", "－": "-", "／": "/", "\u3000": " ", "\xa0": " "})
_WIDTH_TABLE = str.maketrans(_WIDE)


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@dataclass
class Normalised:
    original: str
    text: str
    origins: list[int]  # origins[i] = offset in `original` of text[i]; one extra entry for the end

    def origin(self, index: int) -> int:
        return self.origins[max(0, min(index, len(self.origins) - 1))]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalised span [start, end)."""
        if end <= start:
            return self.origin(start), self.origin(start)
        return self.origin(start), self.origin(end - 1) + 1


def to_simplified(line: str) -> tuple[str, list[int]]:
    """Convert one line; returns the text and, per output character, its index in the line."""
    converted = _converter().convert(line)
    if len(converted) == len(line):
        return converted, list(range(len(line)))
    chars, index = [], []
    for i, char in enumerate(line):
        piece = _converter().convert(char)
        chars.append(piece)
        index.extend([i] * len(piece))
    return "".join(chars), index


def normalise(original: str) -> Normalised:
    parts, origins, offset = [], [], 0
    for line in original.splitlines(keepends=True):
        converted, index = to_simplified(line)
        parts.append(converted)
        origins.extend(offset + i for i in index)
        offset += len(line)
    text = "".join(parts).translate(_WIDTH_TABLE)
    origins.append(len(original))
    return Normalised(original=original, text=text, origins=origins)
