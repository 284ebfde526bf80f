# Sourced by bin/start and bin/test: make .venv with Python 3.11 and the pinned dependencies, once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "需要 Python 3.11（未找到 python3.11 或版本为 3.11 的 python3）" >&2
  return 1
}

stamp_of() { cat constraints.txt pyproject.toml | sha256sum | cut -d' ' -f1; }

if [ ! -x .venv/bin/python ]; then
  "$(find_python)" -m venv .venv
fi
if [ "$(cat .venv/.installed 2>/dev/null || true)" != "$(stamp_of)" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
  stamp_of > .venv/.installed
fi
export PATH="$ROOT/.venv/bin:$PATH"
