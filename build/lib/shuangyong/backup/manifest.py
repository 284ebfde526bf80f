"""manifest.json, the backup's table of contents: what was copied, how many rows each table held and every
file's SHA-256, so that a restore checks the copy before it writes anything and checks the result after.

    {"format": 1, "version": "0.x", "created_at": "...", "key": "<fingerprint of the field key>",
     "database": {"engine": "sqlite"|"postgresql", "file": "...", "bytes": N, "sha256": "...",
                  "tables": {"table": rows, ...}},
     "files": [{"path": "archive/2026/….pdf", "bytes": N, "sha256": "..."}, ...],
     "archive_elsewhere": null | "<storage class whose files this backup does not hold>"}
"""

import json
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from shuangyong.backup.files import FILES_DIR, sha256_of
from shuangyong.errors import RuleError

NAME = "manifest.json"
FORMAT = 1


@dataclass
class Manifest:
    data: dict

    @property
    def engine(self) -> str:
        return self.data["database"]["engine"]

    @property
    def tables(self) -> dict[str, int]:
        return self.data["database"]["tables"]

    @property
    def files(self) -> list[dict]:
        return self.data["files"]

    def write(self, directory: Path) -> None:
        (directory / NAME).write_text(json.dumps(self.data, ensure_ascii=False, indent=1), encoding="utf-8")

    def summary(self) -> dict:
        return {
            "engine": self.engine,
            "tables": len(self.tables),
            "rows": sum(self.tables.values()),
            "files": len(self.files),
            "bytes": self.data["database"]["bytes"] + sum(entry["bytes"] for entry in self.files),
        }


def read(directory: Path) -> Manifest:
    try:
        data = json.loads((directory / NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleError(f"{directory} 不是备份目录：缺少 {NAME}") from None
    except (OSError, ValueError) as exc:
        raise RuleError(f"{directory}/{NAME} 无法读取：{exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RuleError(f"{directory}/{NAME} 不是本系统能识别的备份清单（格式 {FORMAT}）")
    return Manifest(data)


def _safe(path: str) -> bool:
    """A file's place must stay inside the folder it is restored into (a changed manifest could say ../../)."""
    pure = PurePosixPath(path)
    return bool(path) and not pure.is_absolute() and ".." not in pure.parts


def verify(manifest: Manifest, directory: Path) -> None:
    """Every file the manifest names is there, whole and unchanged; raises naming the first that is not."""
    database = manifest.data["database"]
    checks = [(database["file"], directory / database["file"], database["sha256"])]
    for entry in manifest.files:
        if not _safe(entry["path"]):
            raise RuleError(f"备份清单中的文件路径不合法：{entry['path']}")
        checks.append((entry["path"], directory / FILES_DIR / entry["path"], entry["sha256"]))
    for name, path, expected in checks:
        if not path.is_file():
            raise RuleError(f"备份不完整：缺少文件 {name}")
        if sha256_of(path) != expected:
            raise RuleError(f"备份已损坏或被改动：{name} 的校验值与清单不符")
