# Sourced by the capture scripts: runs net-snmp's tools, isolated from the host's configuration, against a UDP
# sink on 127.0.0.1 (ephemeral port) and keeps the first datagram each command sends, byte for byte.
# The caller sets out_dir before sourcing. Provides PORT, Q (flags for every tool) and
#   capture_datagram NAME EXPECT_EXIT -- COMMAND...
# which runs COMMAND (the literal word PORT replaced by the sink port), checks its exit status ("0" or "nonzero":
# informs to a sink time out), stores the first datagram as $out_dir/NAME.hex and sets CAPTURED_RC and
# CAPTURED_COMMAND (the command as typed, shell-quoted).

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

# No snmp.conf, no MIB directives, no saved engine boots: every run starts from the same defaults.
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
    os.rename(tmp, os.path.join(d, "%06d.hex" % n))  # atomic: readers never see half a file
PY

python3 "$work/sink.py" "$work/dgrams" &
sink_pid=$!
for _ in $(seq 1 100); do [[ -f "$work/dgrams/port" ]] && break; sleep 0.05; done
[[ -f "$work/dgrams/port" ]] || { echo "UDP sink did not start" >&2; exit 1; }
PORT="$(cat "$work/dgrams/port")"
echo "sink listening on 127.0.0.1:$PORT"
mkdir -p "$out_dir"

# Flags common to every command: no MIBs (numeric OIDs only), no logging.
Q=(-M /dev/null -m '' -Ln)

dgram_count() { find "$work/dgrams" -name '*.hex' | wc -l; }

capture_datagram() {
    local name="$1" expect="$2"; shift 3
    local before args=() shown=() a
    before="$(dgram_count)"
    for a in "$@"; do
        args+=("${a//PORT/$PORT}")
        shown+=("$(printf '%q' "$a")")
    done
    CAPTURED_COMMAND="${shown[*]}"
    set +e
    "${args[@]}" >"$work/$name.out" 2>&1
    CAPTURED_RC=$?
    set -e
    if [[ "$expect" == 0 && $CAPTURED_RC -ne 0 ]] || [[ "$expect" == nonzero && $CAPTURED_RC -eq 0 ]]; then
        echo "$name: unexpected exit $CAPTURED_RC from: $CAPTURED_COMMAND" >&2; cat "$work/$name.out" >&2; exit 1
    fi
    local first; first="$(printf '%s/%06d.hex' "$work/dgrams" $((before + 1)))"
    for _ in $(seq 1 100); do [[ -f "$first" ]] && break; sleep 0.05; done
    [[ -f "$first" ]] || { echo "$name: no datagram received" >&2; exit 1; }
    cp "$first" "$out_dir/$name.hex"
    echo "captured $name.hex ($(( ($(wc -c <"$first") - 1) / 2 )) bytes, $(( $(dgram_count) - before )) datagram(s), exit $CAPTURED_RC)"
}
