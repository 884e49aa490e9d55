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

source "$here/../tools/netsnmp-capture-lib.sh"

capture() { capture_datagram "$@"; }

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
