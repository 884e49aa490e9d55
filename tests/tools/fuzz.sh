#!/usr/bin/env bash
# Fuzzes the SNMP decoder and the USM primitives with SharpFuzz + AFL++ for a bounded time (docs/fuzzing.md).
#
#   bash tests/tools/fuzz.sh [SECONDS] [OUTPUT_DIR]
#
# SECONDS defaults to 120. OUTPUT_DIR (default: a fresh folder under /tmp, outside the repository) receives
# the instrumented build, the seeds and AFL's findings (OUTPUT_DIR/findings/default/{crashes,hangs,queue}).
# Installs afl++ (Debian) and the sharpfuzz dotnet tool when they are missing. Exit status 0 when the run found
# no crash and no hang, 1 when it did (the findings are replayed and listed), 2 when it could not run.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

seconds=${1:-120}
out=${2:-$(mktemp -d /tmp/trapactors-fuzz.XXXXXX)}
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || { echo "usage: $0 [SECONDS] [OUTPUT_DIR]" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
case "$out/" in "$repo"/*) echo "note: writing findings inside the repository ($out)" >&2 ;; esac

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v afl-fuzz >/dev/null; then
  echo "installing afl++"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends afl++ >/dev/null || { echo "cannot install afl++" >&2; exit 2; }
fi
export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v sharpfuzz >/dev/null; then
  echo "installing the sharpfuzz dotnet tool"
  dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null || { echo "cannot install SharpFuzz.CommandLine" >&2; exit 2; }
fi

# Two copies of the target: a plain one to replay findings, and one whose TrapActors.Snmp.dll is instrumented.
rm -rf "$out/plain" "$out/instrumented" "$out/seeds"
dotnet publish tests/TrapActors.Fuzz -c Release -o "$out/plain" -nologo -clp:ErrorsOnly >/dev/null
cp -r "$out/plain" "$out/instrumented"
sharpfuzz "$out/instrumented/TrapActors.Snmp.dll" >/dev/null

# Seeds: every captured real datagram, hex to binary.
mkdir -p "$out/seeds"
for hex in tests/TrapActors.Snmp.Tests/Vectors/*.hex tests/TrapActors.Benchmarks/Data/*.hex; do
  xxd -r -p "$hex" > "$out/seeds/$(basename "$hex" .hex).bin"
done
dotnet "$out/plain/TrapActors.Fuzz.dll" "$out/seeds" >/dev/null || { echo "a seed already fails the target" >&2; exit 1; }

# -V: stop after SECONDS. -t: the first inputs pay for JIT compilation. The .NET host is no AFL binary (SKIP_BIN_CHECK).
echo "fuzzing for ${seconds}s; findings in $out/findings"
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
  afl-fuzz -i "$out/seeds" -o "$out/findings" -V "$seconds" -t 5000 -m none \
  -- dotnet "$out/instrumented/TrapActors.Fuzz.dll" > "$out/afl.log" 2>&1 || { tail -n 30 "$out/afl.log" >&2; exit 2; }

stats="$out/findings/default/fuzzer_stats"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|saved_crashes|saved_hangs|unique_crashes|unique_hangs) ' "$stats" || true
found=0
for kind in crashes hangs; do
  dir="$out/findings/default/$kind"
  n=$(find "$dir" -type f -name 'id:*' 2>/dev/null | wc -l)
  [ "$n" -eq 0 ] && continue
  found=1
  echo "$n $kind in $dir; replaying them without instrumentation:"
  dotnet "$out/plain/TrapActors.Fuzz.dll" "$dir" || true
  for f in "$dir"/id:*; do echo "  $(basename "$f"): $(xxd -p "$f" | tr -d '\n' | cut -c1-160)"; done
done
[ "$found" -eq 0 ] && echo "no crashes, no hangs"
exit "$found"
