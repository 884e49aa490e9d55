#!/usr/bin/env bash
# Captures the datagrams the benchmarks decode, byte-exact from the real net-snmp tools, into
# tests/TrapActors.Benchmarks/Data/<name>.hex (one line of lowercase hex + newline).
#
# A tiny python3 UDP sink on 127.0.0.1 (ephemeral port) stores every datagram and never answers,
# so snmpinform times out (non-zero exit, expected). Same isolation as tests/tools/capture-vectors.sh.
#
# Usage: tests/TrapActors.Benchmarks/capture-data.sh      (needs: snmptrap, snmpinform, python3)
#
# Re-running changes request-ids, msgIDs, salts, ciphertexts and HMACs; the benchmarks only check
# that each capture decodes (and, for v3, authenticates and decrypts with the passwords below).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_dir="$here/Data"

for tool in snmptrap snmpinform python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "missing tool: $tool (apt-get install -y snmp)" >&2; exit 1; }
done

work="$(mktemp -d)"
sink_pid=""
cleanup() {
    if [[ -n "$sink_pid" ]]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/conf" "$work/persist" "$work/dgrams"
export SNMPCONFPATH="$work/conf"
export SNMP_PERSISTENT_DIR="$work/persist"
export MIBS="" MIBDIRS="/dev/null"

cat > "$work/sink.py" <<'PY'
import os, socket, sys
d = sys.argv[1]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
with open(os.path.join(d, "port.tmp"), "w") as f:
    f.write(str(s.getsockname()[1]))
os.rename(os.path.join(d, "port.tmp"), os.path.join(d, "port"))
n = 0
while True:
    data, _ = s.recvfrom(65535)
    n += 1
    tmp = os.path.join(d, "%06d.tmp" % n)
    with open(tmp, "w") as f:
        f.write(data.hex() + "\n")
    os.rename(tmp, os.path.join(d, "%06d.hex" % n))
PY

python3 "$work/sink.py" "$work/dgrams" &
sink_pid=$!
for _ in $(seq 1 100); do [[ -f "$work/dgrams/port" ]] && break; sleep 0.05; done
[[ -f "$work/dgrams/port" ]] || { echo "UDP sink did not start" >&2; exit 1; }
PORT="$(cat "$work/dgrams/port")"
echo "sink listening on 127.0.0.1:$PORT"
mkdir -p "$out_dir"

dgram_count() { find "$work/dgrams" -name '*.hex' | wc -l; }

# capture NAME EXPECT_EXIT -- COMMAND...   (the word PORT in COMMAND is replaced by the sink port;
# the first datagram the command sends is stored as NAME.hex)
capture() {
    local name="$1" expect="$2"; shift 3
    local before args=() a rc
    before="$(dgram_count)"
    for a in "$@"; do args+=("${a//PORT/$PORT}"); done
    set +e
    "${args[@]}" >"$work/$name.out" 2>&1
    rc=$?
    set -e
    if [[ "$expect" == 0 && $rc -ne 0 ]] || [[ "$expect" == nonzero && $rc -eq 0 ]]; then
        echo "$name: unexpected exit $rc" >&2; cat "$work/$name.out" >&2; exit 1
    fi
    local first; first="$(printf '%s/%06d.hex' "$work/dgrams" $((before + 1)))"
    for _ in $(seq 1 100); do [[ -f "$first" ]] && break; sleep 0.05; done
    [[ -f "$first" ]] || { echo "$name: no datagram received" >&2; exit 1; }
    cp "$first" "$out_dir/$name.hex"
    echo "captured $name.hex ($(( ($(wc -c <"$first") - 1) / 2 )) bytes, $(( $(dgram_count) - before )) datagram(s), exit $rc)"
}

Q=(-M /dev/null -m '' -Ln)

# Eight payload varbinds of mixed types; with sysUpTime.0 and snmpTrapOID.0, which snmptrap puts
# first, the PDU carries 10 varbinds.
PAYLOAD=(
    1.3.6.1.2.1.2.2.1.1.3 i 3
    1.3.6.1.2.1.2.2.1.2.3 s 'GigabitEthernet0/3'
    1.3.6.1.2.1.2.2.1.7.3 i 1
    1.3.6.1.2.1.2.2.1.8.3 i 2
    1.3.6.1.2.1.2.2.1.9.3 t 123456
    1.3.6.1.2.1.31.1.1.1.6.3 C 1234567890123
    1.3.6.1.2.1.31.1.1.1.18.3 s 'uplink to core-1'
    1.3.6.1.2.1.4.20.1.1.192.0.2.3 a 192.0.2.3
)

capture v2c-trap-10vb 0 -- \
    snmptrap "${Q[@]}" -v 2c -c public 127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 "${PAYLOAD[@]}"

capture v2c-inform-10vb nonzero -- \
    snmpinform "${Q[@]}" -r 0 -t 1 -v 2c -c public 127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 "${PAYLOAD[@]}"

capture v3-sha256-aes128-trap-10vb 0 -- \
    snmptrap "${Q[@]}" -v 3 -e 0x8000000001020304 -u privuser -l authPriv -a SHA-256 -A authpass123 -x AES -X privpass123 \
        127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 "${PAYLOAD[@]}"

# An inform names the receiver as the authoritative engine; with -e, snmpinform skips discovery and sends
# the authPriv InformRequest at once (boots/time 0). Used as the request the v3 response benchmark answers.
capture v3-sha256-aes128-inform-10vb nonzero -- \
    snmpinform "${Q[@]}" -r 0 -t 1 -v 3 -e 0x8000000001020304 -u privuser -l authPriv -a SHA-256 -A authpass123 -x AES -X privpass123 \
        127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 "${PAYLOAD[@]}"
