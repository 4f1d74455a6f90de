#!/usr/bin/env bash
# Installs what the tests need, and only what is missing, so it is safe (and quick) to run
# again. Run by `npm test` (scripts/test.mjs) and by .ci/run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# No binary downloads from outside the npm registry (STACK-NOTES G11, G13).
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

apt_updated=0

# need_pkg <command-or-absolute-path> <debian-package> [apt-get install options…]
# Installs the package when the command is not on PATH (or the file does not exist).
# Options default to --no-install-recommends.
need_pkg() {
  local what=$1 pkg=$2
  shift 2
  local opts=("$@")
  ((${#opts[@]})) || opts=(--no-install-recommends)

  if [[ $what == /* ]]; then
    [[ -e $what ]] && return 0
  else
    command -v "$what" >/dev/null 2>&1 && return 0
  fi

  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: '$what' not found and not root, so skipping it; install it with: sudo apt-get install $pkg" >&2
    return 0
  fi
  if ((apt_updated == 0)); then
    echo "setup: apt-get update" >&2
    apt-get update -qq
    apt_updated=1
  fi
  echo "setup: installing $pkg (for '$what')" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${opts[@]}" "$pkg"
}

# ---- Debian packages the tests need. Add a line when a test starts needing one. ----
# The browser tests (tests/e2e) launch /usr/bin/chromium itself: Playwright's own build cannot be
# downloaded (G11). Its recommends bring the fonts and libraries a headless Chromium needs.
need_pkg /usr/bin/chromium              chromium --install-recommends   # browser tests (G11)
need_pkg /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc fonts-noto-cjk  # CJK in screenshots (G12)
need_pkg /usr/share/fonts/truetype/tlwg/Garuda.ttf fonts-tlwg-garuda-ttf   # Thai (a kiosk language) in screenshots
# tests/src/display-clips.test.ts decodes the wall display's spoken-call clips (MP3) with sox. The
# package is checked by its copyright file, the one file every Debian package must have.
need_pkg sox                            sox                             # display clips
need_pkg /usr/share/doc/libsox-fmt-mp3/copyright libsox-fmt-mp3          # sox reading MP3
# need_pkg pdftotext                      poppler-utils                   # PDF ticket assertions
# need_pkg redis-server                   redis-server                    # scale-out tests (§7)
# need_pkg cupsd                          cups                            # printing (§6)
# need_pkg /usr/lib/cups/backend/cups-pdf printer-driver-cups-pdf
# need_pkg wrk                            wrk                             # bench

# ---- npm dependencies ----
if [[ ! -d node_modules ]]; then
  echo "setup: node_modules is missing; running npm install" >&2
  npm install
fi
