# Sourced by bin/start, bin/test and .ci/run: make .venv with Python 3.11 and the pinned dependencies, once.
# Reinstalls only when constraints.txt or pyproject.toml changed (their sha256 is kept in .venv/.installed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

is_311() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' >/dev/null 2>&1; }

find_python() {
  local candidate
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && is_311 "$candidate"; then
      echo "$candidate"
      return 0
    fi
  done
  {
    echo "error: Python 3.11 is required: neither python3.11 nor a python3 of version 3.11 is on PATH."
    echo "       (需要 Python 3.11：未找到 python3.11，python3 也不是 3.11 版。)"
    echo "       Debian/Ubuntu: apt-get install python3.11 python3.11-venv"
  } >&2
  return 1
}

stamp_of() { cat constraints.txt pyproject.toml | sha256sum | cut -d' ' -f1; }

if [ -x .venv/bin/python ] && ! is_311 .venv/bin/python; then
  echo "bin: .venv is not Python 3.11; recreating it" >&2
  rm -rf .venv
fi
if [ ! -x .venv/bin/python ]; then
  python="$(find_python)"
  echo "bin: creating .venv with $($python --version 2>&1)" >&2
  if ! "$python" -m venv .venv; then
    rm -rf .venv
    echo "error: '$python -m venv' failed (Debian/Ubuntu: apt-get install python3.11-venv)" >&2
    exit 1
  fi
fi
if [ "$(cat .venv/.installed 2>/dev/null || true)" != "$(stamp_of)" ]; then
  echo "bin: installing the pinned dependencies into .venv (constraints.txt) ..." >&2
  rm -f .venv/.installed
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
  stamp_of >.venv/.installed
fi
export VIRTUAL_ENV="$ROOT/.venv"
export PATH="$ROOT/.venv/bin:$PATH"
