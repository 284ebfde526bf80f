# Sourced by bin/start, bin/test and .ci/run: make a virtual environment (.venv) with Python 3.11 and the pinned
# dependencies, once; reinstall only when constraints.txt or pyproject.toml changed (sha256 kept in .venv/.installed).
# SHUANGYONG_VENV=/some/dir puts the environment elsewhere (.ci/run uses a throw-away one).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${SHUANGYONG_VENV:-$ROOT/.venv}"

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

if [ -x "$VENV/bin/python" ] && ! is_311 "$VENV/bin/python"; then
  echo "bin: $VENV is not Python 3.11; recreating it" >&2
  rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
  sy_python="$(find_python)"
  echo "bin: creating $VENV with $("$sy_python" --version 2>&1)" >&2
  if ! "$sy_python" -m venv "$VENV"; then
    rm -rf "$VENV"
    echo "error: '$sy_python -m venv' failed (Debian/Ubuntu: apt-get install python3.11-venv)" >&2
    exit 1
  fi
fi
if [ "$(cat "$VENV/.installed" 2>/dev/null || true)" != "$(stamp_of)" ]; then
  echo "bin: installing the pinned dependencies into $VENV (constraints.txt) ..." >&2
  rm -f "$VENV/.installed"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
  stamp_of >"$VENV/.installed"
fi
export VIRTUAL_ENV="$VENV"
export PATH="$VENV/bin:$PATH"
