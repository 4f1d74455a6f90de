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
need_pkg pdftotext                      poppler-utils                   # PDF assertions: pdftotext, pdfinfo, pdftoppm, pdfimages
# server/src/modules/reports/reports.exports.test.ts opens the report's spreadsheet (.ods) in LibreOffice
# and converts every sheet back to CSV; the -nogui build is enough for --headless (≥ 7.2 for one file a sheet).
need_pkg libreoffice                    libreoffice-calc-nogui          # reports: the .ods read back
need_pkg redis-server                   redis-server                    # scale-out tests (§7): tests start their own
# tests/src/kiosk-print.test.ts prints through CUPS on the cups-pdf virtual printer (§6).
need_pkg /usr/sbin/cupsd                cups                            # printing (§6)
need_pkg /usr/lib/cups/backend/cups-pdf printer-driver-cups-pdf         # the PDF queue's backend
# need_pkg wrk                            wrk                             # bench

# ---- services the tests need ----
# apt's policy-rc.d starts no service on these machines (STACK-NOTES §2), so cupsd is started here
# when it is not running, and the PDF queue (cups-pdf) is created when it is missing. Both persist
# (queues live in /etc/cups/printers.conf), so a second run only checks. cupsd runs on after the
# tests, as it would on any machine with CUPS; .ci/run starts it itself only if this could not.
cups_running() { [[ $(LC_ALL=C lpstat -r 2>/dev/null) == 'scheduler is running'* ]]; }
ensure_cups() {
  [[ -x /usr/sbin/cupsd && -e /usr/lib/cups/backend/cups-pdf ]] || return 0 # not installed: said above
  if ! cups_running; then
    if [[ $(id -u) -ne 0 ]]; then
      echo "setup: cupsd is not running and this is not root, so not starting it; start it with: sudo cupsd" >&2
      return 0
    fi
    echo "setup: starting cupsd" >&2
    # It daemonises; with its output on /dev/null no pipe of npm test's stays open behind it.
    /usr/sbin/cupsd </dev/null >/dev/null 2>&1
    local tries=0
    until cups_running; do
      if ((++tries > 100)); then
        echo "setup: cupsd did not start within 10 s (see /var/log/cups/error_log)" >&2
        return 1
      fi
      sleep 0.1
    done
  fi
  if ! lpstat -p PDF >/dev/null 2>&1; then
    if [[ $(id -u) -ne 0 ]]; then
      echo "setup: there is no PDF printer queue and this is not root; create it with: sudo lpadmin -p PDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd" >&2
      return 0
    fi
    echo "setup: creating the PDF printer queue (cups-pdf)" >&2
    # The _opt PPD honours `lp -o media=…` (the kiosk's ticket size); lpadmin warns that drivers are
    # deprecated, which is only a warning (G15).
    local out
    if ! out=$(lpadmin -p PDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd 2>&1); then
      echo "setup: lpadmin could not create the PDF queue: $out" >&2
      return 1
    fi
  fi
}
ensure_cups

# ---- npm dependencies ----
if [[ ! -d node_modules ]]; then
  echo "setup: node_modules is missing; running npm install" >&2
  npm install
fi
