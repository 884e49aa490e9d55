#!/usr/bin/env bash
# Captures byte-exact SNMP datagrams produced by the real net-snmp command-line tools
# (snmptrap, snmpinform) and writes them as test vectors:
#   tests/TrapActors.Snmp.Tests/Vectors/<name>.hex   one line of lowercase hex + newline
#   tests/TrapActors.Snmp.Tests/Vectors/README.md    each file with the exact command
#
# A tiny python3 UDP sink listens on 127.0.0.1 (ephemeral port) and stores every received
# datagram; it never answers, so informs time out (their non-zero exit is expected).
#
# Usage: tests/tools/capture-vectors.sh          (needs: snmptrap, snmpinform, python3)
#
# Note: request-ids, v3 msgIDs, engine times, AES salts and v1 uptimes that are left empty
# ('') vary from run to run, so re-running this script changes the vectors and the assertions
# in VectorDecodeTests.cs that pin those values must be updated with them.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
out_dir="$repo_root/tests/TrapActors.Snmp.Tests/Vectors"

source "$script_dir/netsnmp-capture-lib.sh"

rm -f "$out_dir"/*.hex

readme_entries=""

# capture NAME EXPECT_EXIT DESCRIPTION -- COMMAND...: capture_datagram, plus an entry for Vectors/README.md.
capture() {
    local name="$1" expect="$2" desc="$3"; shift 3
    capture_datagram "$name" "$expect" "$@"
    readme_entries+="### \`$name.hex\`"$'\n\n'"$desc"$'\n\n'"\`\`\`sh"$'\n'"$CAPTURED_COMMAND"$'\n'"\`\`\`"$'\n\n'"Exit status: $CAPTURED_RC."$'\n\n'
}

long200="$(printf 'A%.0s' $(seq 1 200))"
long300="$(printf '%s' "$(printf 'abcdefghij%.0s' $(seq 1 30))")"

capture v1-generic-coldstart 0 "SNMPv1 Trap-PDU, generic coldStart(0), no varbinds. The empty enterprise defaults to 1.3.6.1.4.1.3.1.1 and the empty uptime to the host's uptime (so the timestamp is whatever it was at capture time)." -- \
    snmptrap "${Q[@]}" -v 1 -c public 127.0.0.1:PORT '' 10.1.2.3 0 0 ''

capture v1-generic-linkdown 0 "SNMPv1 Trap-PDU, generic linkDown(2), one ifIndex.3 = INTEGER 3 varbind; default enterprise and host uptime as above." -- \
    snmptrap "${Q[@]}" -v 1 -c public 127.0.0.1:PORT '' 10.1.2.3 2 0 '' 1.3.6.1.2.1.2.2.1.1.3 i 3

capture v1-enterprise-specific 0 "SNMPv1 Trap-PDU, enterpriseSpecific(6) specific 17, enterprise 1.3.6.1.4.1.8072.2.3, agent 192.0.2.7, uptime 12345, varbinds of several types." -- \
    snmptrap "${Q[@]}" -v 1 -c public 127.0.0.1:PORT 1.3.6.1.4.1.8072.2.3 192.0.2.7 6 17 12345 \
        1.3.6.1.4.1.8072.2.3.1.1 i -1 \
        1.3.6.1.4.1.8072.2.3.1.2 s 'v1 text' \
        1.3.6.1.4.1.8072.2.3.1.3 a 10.0.0.1 \
        1.3.6.1.4.1.8072.2.3.1.4 o 1.3.6.1.4.1.8072 \
        1.3.6.1.4.1.8072.2.3.1.5 c 100 \
        1.3.6.1.4.1.8072.2.3.1.6 u 200 \
        1.3.6.1.4.1.8072.2.3.1.7 t 300 \
        1.3.6.1.4.1.8072.2.3.1.8 x deadbeef

capture v2c-all-types 0 "SNMPv2c SNMPv2-Trap-PDU, uptime 4242, snmpTrapOID linkDown, one varbind per value type snmptrap accepts (i u c C t a o s x d n b U I F D), a varbind OID with sub-identifier 4294967295, and 200- and 300-byte strings (long-form lengths 0x81 and 0x82). U, I, F and D are net-snmp's Opaque-wrapped opaqueUInt64 / opaqueInt64 / opaqueFloat / opaqueDouble (tag 0x44 holding 9f7b / 9f7a / 9f78 / 9f79)." -- \
    snmptrap "${Q[@]}" -v 2c -c public 127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 \
        1.3.6.1.4.1.8072.9999.1.1 i -5 \
        1.3.6.1.4.1.8072.9999.1.2 i 2147483647 \
        1.3.6.1.4.1.8072.9999.1.3 i -2147483648 \
        1.3.6.1.4.1.8072.9999.1.4 u 4294967295 \
        1.3.6.1.4.1.8072.9999.1.5 c 4294967295 \
        1.3.6.1.4.1.8072.9999.1.6 C 18446744073709551615 \
        1.3.6.1.4.1.8072.9999.1.7 t 123456 \
        1.3.6.1.4.1.8072.9999.1.8 a 192.0.2.1 \
        1.3.6.1.4.1.8072.9999.1.9 o 1.3.6.1.4.1.4294967295.0 \
        1.3.6.1.4.1.8072.9999.1.10 s 'hello, world' \
        1.3.6.1.4.1.8072.9999.1.11 x '00ffc32880fe' \
        1.3.6.1.4.1.8072.9999.1.12 d '1.2.3.250' \
        1.3.6.1.4.1.8072.9999.1.13 n '' \
        1.3.6.1.4.1.8072.9999.1.14 b '0 3 9' \
        1.3.6.1.4.1.8072.9999.1.15 U 5 \
        1.3.6.1.4.1.8072.9999.1.16 I -5 \
        1.3.6.1.4.1.8072.9999.1.17 F 1.5 \
        1.3.6.1.4.1.8072.9999.1.18 D 2.5 \
        1.3.6.1.4.1.8072.9999.1.19 s "$long200" \
        1.3.6.1.4.1.8072.9999.1.20 s "$long300" \
        1.3.6.1.4.1.8072.9999.4294967295.1 s 'large sub-identifier' \
        1.3.6.1.4.1.8072.9999.1.21 u 0 \
        1.3.6.1.4.1.8072.9999.1.22 i 0

capture v2c-linkdown 0 "Plain SNMPv2c linkDown trap: ifIndex.3, ifAdminStatus.3 = up(1), ifOperStatus.3 = down(2)." -- \
    snmptrap "${Q[@]}" -v 2c -c public 127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 \
        1.3.6.1.2.1.2.2.1.1.3 i 3 1.3.6.1.2.1.2.2.1.7.3 i 1 1.3.6.1.2.1.2.2.1.8.3 i 2

capture v2c-inform nonzero "SNMPv2c InformRequest-PDU (first and only datagram; -r 0, the sink never answers so snmpinform exits 1 with 'Timeout')." -- \
    snmpinform "${Q[@]}" -r 0 -t 1 -v 2c -c public 127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 \
        1.3.6.1.2.1.2.2.1.1.3 i 3

capture v3-noauth 0 "SNMPv3 trap, USM noAuthNoPriv, user noauthuser, explicit authoritative engine id (no discovery)." -- \
    snmptrap "${Q[@]}" -v 3 -e 0x8000000001020304 -u noauthuser -l noAuthNoPriv 127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 \
        1.3.6.1.2.1.2.2.1.1.3 i 3

capture v3-sha 0 "SNMPv3 trap, USM authNoPriv, HMAC-SHA-96, user authuser, password authpass123, engine id 8000000001020304." -- \
    snmptrap "${Q[@]}" -v 3 -e 0x8000000001020304 -u authuser -l authNoPriv -a SHA -A authpass123 127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 \
        1.3.6.1.2.1.2.2.1.1.3 i 3

capture v3-sha-aes 0 "SNMPv3 trap, USM authPriv, HMAC-SHA-96 + CFB128-AES-128, user privuser, passwords authpass123 / privpass123, engine id 8000000001020304." -- \
    snmptrap "${Q[@]}" -v 3 -e 0x8000000001020304 -u privuser -l authPriv -a SHA -A authpass123 -x AES -X privpass123 127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 \
        1.3.6.1.2.1.2.2.1.1.3 i 3

capture v3-discovery-probe nonzero "First datagram of an SNMPv3 inform without -e: the engine-id discovery probe (reportable, noAuthNoPriv, empty USM parameters, empty GetRequest). The sink does not answer, so snmpinform exits 1." -- \
    snmpinform "${Q[@]}" -r 0 -t 1 -v 3 -u authuser -l authNoPriv -a SHA -A authpass123 127.0.0.1:PORT 4242 1.3.6.1.6.3.1.1.5.3 \
        1.3.6.1.2.1.2.2.1.1.3 i 3

version="$(snmptrap --version 2>&1 | head -n 1)"

# Which value-type letters does this snmptrap accept? (snmpset(1) letters plus a few that are not;
# no -Ln here so that the refusal message is recorded.)
type_table=""
for spec in "i:-5" "u:7" "c:7" "C:7" "t:7" "a:192.0.2.1" "o:1.3.6.1" "s:text" "x:00ff" "d:1.2" "n:" "b:0" \
            "U:7" "I:-7" "F:1.5" "D:2.5" "e:7" "g:7" "=:7"; do
    letter="${spec%%:*}" value="${spec#*:}"
    if snmptrap -M /dev/null -m "" -v 2c -c public "127.0.0.1:$PORT" 1 1.3.6.1.6.3.1.1.5.1 1.3.6.1.4.1.8072.9999.2 "$letter" "$value" \
            >"$work/type.out" 2>&1; then
        verdict="accepted"
    else
        verdict="refused: $(tr '\n' ' ' <"$work/type.out" | sed 's/ *$//')"
    fi
    type_table+="| \`$letter\` | \`${value:-''}\` | $verdict |"$'\n'
done

{
    echo "# SNMP test vectors captured from net-snmp"
    echo
    echo "Generated by \`tests/tools/capture-vectors.sh\`; do not edit by hand. Each \`.hex\` file is one UDP"
    echo "datagram exactly as the net-snmp tool put it on the wire: one line of lowercase hex and a newline."
    echo
    echo "- Tool version: \`$version\` (\`snmptrap --version\`)"
    echo "- Captured: $(date -u +%Y-%m-%d) on $(uname -sm)"
    echo "- \`PORT\` in the commands is the ephemeral port of the script's UDP sink on 127.0.0.1."
    echo "- Environment during capture: \`SNMPCONFPATH\` and \`SNMP_PERSISTENT_DIR\` point at an empty"
    echo "  temporary directory, \`MIBS=\` and \`MIBDIRS=/dev/null\`; \`-M /dev/null -m ''\` loads no MIBs"
    echo "  (all OIDs are numeric) and \`-Ln\` turns logging off."
    echo "- Values that change on every run: v2c request-ids, v3 msgIDs, engine ids of the"
    echo "  sender's context, engine boots/time, AES salt and ciphertext, HMACs, and the v1 timestamps"
    echo "  left empty (host uptime). Re-capturing therefore requires updating VectorDecodeTests.cs."
    echo
    echo "## Value types"
    echo
    echo "Every type letter this script tried with \`snmptrap -v 2c\` (probed at capture time):"
    echo
    echo "| letter | value | result |"
    echo "|---|---|---|"
    printf '%s' "$type_table"
    echo
    echo "\`i\` is INTEGER (0x02), \`u\` is Gauge32 (0x42), \`c\` Counter32 (0x41), \`C\` Counter64 (0x46), \`t\` TimeTicks"
    echo "(0x43), \`a\` IpAddress (0x40), \`x\`/\`d\`/\`b\` are OCTET STRINGs (\`b\` BITS as bytes, bit 0 = 0x80),"
    echo "\`n\` is NULL. \`U\`, \`I\`, \`F\`, \`D\` are not SMIv2 base types: net-snmp wraps them in Opaque (0x44)"
    echo "as the ASN.1 opaque extensions opaqueUInt64 (9f 7b), opaqueInt64 (9f 7a), opaqueFloat (9f 78) and"
    echo "opaqueDouble (9f 79); the codec sees them as Opaque values holding those inner bytes."
    echo
    echo "## Vectors"
    echo
    printf '%s' "$readme_entries"
} > "$out_dir/README.md"

echo "wrote $(ls "$out_dir"/*.hex | wc -l) vectors and README.md to $out_dir"
