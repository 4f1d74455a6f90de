#!/usr/bin/env bash
# Regenerates the wall display's spoken-call clips (display/public/clips/) from espeak-ng: one short
# MP3 per word or phrase, trimmed, at one level, and manifest.json listing them. The display joins
# them with the Web Audio API (src/wall/speech/clips.ts says which, in what order), so calls are
# spoken with no network and no system voice. The output is committed; run this only to change it.
#
#   display/scripts/make-clips.sh          regenerate everything (same input, same bytes)
#   display/scripts/make-clips.sh --list   print each clip's path and what it says (a recording script)
#   display/scripts/make-clips.sh --recordings DIR
#                                          the same, but a clip recorded as DIR/<lang>/<name>.wav (or
#                                          .flac, .mp3, .ogg; DIR/chime.wav) is taken from there
#
# Needs espeak-ng, sox and sox's MP3 format (apt-get install espeak-ng sox libsox-fmt-mp3). See
# CLIPS.md beside this file for the layout and for replacing the clips with an office's recordings.
set -euo pipefail
caller=$PWD # a relative --recordings folder is the caller's
cd "$(dirname "${BASH_SOURCE[0]}")/.."

OUT=public/clips
RATE=22050     # espeak-ng's own rate; plenty for speech
BITRATE=24     # kbit/s, mono MP3: a clip is 1–4 KB
SPEED=150      # words a minute; espeak-ng's 175 is hurried for a hall
RMS_DB=-20     # every clip is brought to this RMS level…
PEAK_DB=-1.5   # …unless that would push its peak above this
# Debian 12's espeak-ng 1.51 reads Han characters through pinyin, and its `cmn` voice speaks that
# pinyin as English ("qing three" for 請; espeak-ng/espeak-ng#1236). `cmn-latn-pinyin` says 請.
ZH_VOICE=cmn-latn-pinyin
EN_VOICE=en-us
# Repeatable: sox seeds its dither randomly otherwise, and every run would change every file.
export SOX_OPTS=-R

# ---- What is said: "lang|name|text" lines, the one table the files and the manifest come from ----
ZH_DIGITS=(零 一 二 三 四 五 六 七 八 九)
EN_DIGITS=(zero one two three four five six seven eight nine)
LETTERS=(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z)

# 1–99 as Mandarin says a counter's number: 五, 十, 十二, 二十, 九十九.
zh_number() {
  local n=$1 tens=$(($1 / 10)) ones=$(($1 % 10)) s=''
  if ((n < 10)); then
    printf '%s' "${ZH_DIGITS[n]}"
    return
  fi
  ((tens > 1)) && s=${ZH_DIGITS[tens]}
  s+=十
  ((ones > 0)) && s+=${ZH_DIGITS[ones]}
  printf '%s' "$s"
}

CLIPS=()
# 請 一零二三 號，到 五 號櫃台
CLIPS+=('zh-TW|please|請' 'zh-TW|number-suffix|號' 'zh-TW|to-counter|到' 'zh-TW|counter-suffix|號櫃台')
for d in {0..9}; do CLIPS+=("zh-TW|digit-$d|${ZH_DIGITS[d]}"); done
# A single capital letter: espeak-ng says it the way Mandarin speakers name letters.
for l in "${LETTERS[@]}"; do CLIPS+=("zh-TW|letter-$l|$l"); done
for n in {1..99}; do CLIPS+=("zh-TW|counter-$n|$(zh_number "$n")"); done
# Number, one zero two three, please go to counter twelve
CLIPS+=('en|number|Number' 'en|please-go-to-counter|please go to counter')
for d in {0..9}; do CLIPS+=("en|digit-$d|${EN_DIGITS[d]}"); done
for l in "${LETTERS[@]}"; do CLIPS+=("en|letter-$l|$l"); done
for n in {1..99}; do CLIPS+=("en|counter-$n|$n"); done

RECORDINGS=''
case "${1:-}" in
  --list)
    for entry in "${CLIPS[@]}"; do
      IFS='|' read -r lang name text <<<"$entry"
      printf '%s/%s.mp3\t%s\n' "$lang" "$name" "$text"
    done
    printf 'chime.mp3\t(two-tone chime, before the call)\n'
    exit 0
    ;;
  --recordings)
    RECORDINGS=$(cd "$caller" && cd "${2:-/nonexistent}" 2>/dev/null && pwd) || {
      echo "make-clips: --recordings needs a folder" >&2
      exit 2
    }
    ;;
  '') ;;
  *)
    echo "usage: $0 [--list | --recordings DIR]" >&2
    exit 2
    ;;
esac

# ---- Tools ----
missing=()
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v sox >/dev/null 2>&1 || missing+=(sox)
if command -v sox >/dev/null 2>&1; then
  formats=$(sox -h 2>/dev/null | sed -n 's/^AUDIO FILE FORMATS://p')
  [[ "$formats " == *" mp3 "* ]] || missing+=(libsox-fmt-mp3)
fi
if ((${#missing[@]})); then
  echo "make-clips: missing ${missing[*]}; install with: apt-get install espeak-ng sox libsox-fmt-mp3" >&2
  exit 1
fi
voices=" $(espeak-ng --voices | awk '{ print $2 }' | tr '\n' ' ') "
for voice in "$ZH_VOICE" "$EN_VOICE"; do
  if [[ $voices != *" $voice "* ]]; then
    echo "make-clips: espeak-ng has no voice '$voice' (espeak-ng --voices lists them)" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stage=$tmp/clips
mkdir -p "$stage/zh-TW" "$stage/en"

# level <wav>: the gain in dB that brings it to RMS_DB with its peak at most PEAK_DB.
level() {
  sox "$1" -n stats 2>&1 | awk -v rms="$RMS_DB" -v peak="$PEAK_DB" '
    /^Pk lev dB/ { pk = $4 } /^RMS lev dB/ { r = $4 }
    END { g = rms - r; if (pk + g > peak) g = peak - pk; printf "%.2f", g }'
}

# encode <wav> <mp3>: at the common level, mono, no tags (sox would add "Processed by SoX").
encode() {
  sox "$1" --comment '' -C "$BITRATE" "$2" gain "$(level "$1")"
}

# recording <lang/name>: the office's own recording of that clip in RECORDINGS, if there is one.
recording() {
  [[ -n $RECORDINGS ]] || return 0
  local ext
  for ext in wav flac mp3 ogg; do
    if [[ -f $RECORDINGS/$1.$ext ]]; then
      printf '%s' "$RECORDINGS/$1.$ext"
      return 0
    fi
  done
}

# finish <wav> <mp3>: mono, trim the silence at both ends, fade 5/10 ms against clicks, encode.
finish() {
  sox "$1" -r "$RATE" "$tmp/trim.wav" remix - silence 1 0.005 -55d reverse silence 1 0.005 -55d reverse
  sox "$tmp/trim.wav" "$tmp/faded.wav" fade q 0.005 -0 0.01 # apart: fade needs the trimmed length
  encode "$tmp/faded.wav" "$2"
}

recorded=0
for entry in "${CLIPS[@]}"; do
  IFS='|' read -r lang name text <<<"$entry"
  own=$(recording "$lang/$name")
  if [[ -n $own ]]; then
    finish "$own" "$stage/$lang/$name.mp3"
    recorded=$((recorded + 1))
    continue
  fi
  voice=$EN_VOICE
  [[ $lang == zh-TW ]] && voice=$ZH_VOICE
  espeak-ng -v "$voice" -s "$SPEED" -w "$tmp/raw.wav" "$text"
  finish "$tmp/raw.wav" "$stage/$lang/$name.mp3"
done

# Ding-dong: E5 then C5 a little later, each a sine with a soft octave above it, decaying like a bell.
bell() { # bell <Hz> <seconds> <wav>
  sox -n -r "$RATE" -c 2 "$3" synth "$2" sine "$1" sine "$(awk -v f="$1" 'BEGIN { print 2 * f }')" \
    remix 1v0.8,2v0.2 fade l 0.005 "$2" "$(awk -v s="$2" 'BEGIN { print s - 0.01 }')"
}
bell 659.26 0.6 "$tmp/ding.wav"
bell 523.25 0.75 "$tmp/dong.wav"
sox "$tmp/dong.wav" "$tmp/dong-late.wav" pad 0.35 0
sox -m "$tmp/ding.wav" "$tmp/dong-late.wav" "$tmp/chime.wav"
own=$(recording chime)
if [[ -n $own ]]; then
  # Not trimmed: a chime's tail is part of it.
  sox "$own" -r "$RATE" "$tmp/chime.wav" remix -
  recorded=$((recorded + 1))
fi
encode "$tmp/chime.wav" "$stage/chime.mp3"

# ---- manifest.json: the display reads the file names from here, never guesses them ----
{
  printf '{\n  "format": "mp3",\n  "chime": "chime.mp3",\n  "languages": {'
  sep=''
  for lang in zh-TW en; do
    printf '%s\n    "%s": {\n      "clips": {' "$sep" "$lang"
    inner=''
    for entry in "${CLIPS[@]}"; do
      IFS='|' read -r l name _ <<<"$entry"
      [[ $l == "$lang" ]] || continue
      printf '%s\n        "%s": "%s/%s.mp3"' "$inner" "$name" "$lang" "$name"
      inner=','
    done
    printf '\n      }\n    }'
    sep=','
  done
  printf '\n  }\n}\n'
} >"$stage/manifest.json"

# The folder is this script's: replace it whole, so a clip dropped from the table leaves no file.
rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
cp -r "$stage" "$OUT"

count=$(find "$OUT" -name '*.mp3' | wc -l)
bytes=$(find "$OUT" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
seconds=$(find "$OUT" -name '*.mp3' -print0 | xargs -0 -n1 sox --i -D | awk '{ s += $1 } END { printf "%.1f", s }')
echo "make-clips: $count clips ($seconds s of audio, $recorded from recordings) in display/$OUT, $((bytes / 1024)) KB with manifest.json"
