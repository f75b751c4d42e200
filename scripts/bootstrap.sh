#!/usr/bin/env bash
# Installs what mika needs on a fresh Debian machine; installs only what is missing.
#   scripts/bootstrap.sh build   system libraries for compiling mika
#   scripts/bootstrap.sh test    + headless Chromium, chromedriver, Python selenium/axe/pytest/jsonschema/duckdb,
#                                nginx, Apache (binary and modules only, no service) and logrotate for test_hosting.py
#   scripts/bootstrap.sh bench   + Hugo, GoAccess and GNU time for the benchmarks
set -euo pipefail
need=${1:-build}

apt_packages=(pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev zlib1g-dev libmimalloc-dev)
pip_packages=()
case "$need" in
  build) ;;
  test) apt_packages+=(chromium chromium-driver libxml2-utils nginx-light apache2-bin media-types logrotate poppler-utils); pip_packages+=(selenium axe-selenium-python pytest jsonschema rfc3987 rfc3339-validator pyld duckdb) ;;
  bench) apt_packages+=(hugo goaccess time) ;;
  *) echo "usage: $0 build|test|bench" >&2; exit 2 ;;
esac

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi

missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# axe-core 4.x for the accessibility tests comes inside axe-playwright-python; only its script is used,
# so it is installed without Playwright.
if [ "$need" = test ] && ! python3 -c "import importlib.util,sys; sys.exit(importlib.util.find_spec('axe_playwright_python') is None)"; then
  python3 -m pip install --quiet --disable-pip-version-check --no-deps axe-playwright-python
fi

if [ ${#pip_packages[@]} -gt 0 ]; then
  python3 - "${pip_packages[@]}" <<'PY' || python3 -m pip install --quiet --disable-pip-version-check "${pip_packages[@]}"
import importlib.util, sys
modules = {"axe-selenium-python": "axe_selenium_python", "rfc3339-validator": "rfc3339_validator"}
missing = [p for p in sys.argv[1:] if importlib.util.find_spec(modules.get(p, p)) is None]
sys.exit(1 if missing else 0)
PY
fi
