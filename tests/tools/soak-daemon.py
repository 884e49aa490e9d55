#!/usr/bin/env python3
# Soak run of the trapactors daemon: replays a trap captured from net-snmp's snmptrap (10 varbinds) to the daemon on
# 127.0.0.1 at RATE traps/s for SECONDS, samples its RSS every 30 s, stops it with SIGTERM and prints the samples and
# its final stats line. Loopback only; the JSON lines go to /tmp/soak/out.jsonl.
# Usage (after a Release build): python3 tests/tools/soak-daemon.py RATE SECONDS
import socket, subprocess, time, re, sys, os, json
os.makedirs('/tmp/soak', exist_ok=True)
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
hexdata = open(os.path.join(root, 'tests/TrapActors.Benchmarks/Data/v2c-trap-10vb.hex')).read().strip()
pkt = bytes.fromhex(hexdata)
dll = os.path.join(root, 'src/TrapActors.Daemon/bin/Release/net10.0/TrapActors.Daemon.dll')
out = open('/tmp/soak/out.jsonl', 'wb')
p = subprocess.Popen(['dotnet', dll, '--listen', 'udp:127.0.0.1:0', '--format', 'json'], stdout=out, stderr=subprocess.PIPE)
port = None
while port is None:
    line = p.stderr.readline().decode()
    m = re.match(r'listening udp 127\.0\.0\.1:(\d+)', line)
    if m: port = int(m.group(1))
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rate, duration = int(sys.argv[1]), int(sys.argv[2])
start = time.time(); sent = 0; samples = []
next_sample = start
while True:
    now = time.time()
    if now - start >= duration: break
    due = int((now - start) * rate)
    while sent < due:
        s.sendto(pkt, ('127.0.0.1', port)); sent += 1
    if now >= next_sample:
        rss = [l for l in open(f'/proc/{p.pid}/status') if l.startswith('VmRSS')][0].split()[1]
        samples.append((round(now - start), int(rss)))
        next_sample += 30
    time.sleep(0.001)
p.send_signal(15)
rest = p.stderr.read().decode().strip().splitlines()
p.wait()
print(json.dumps({'rate': rate, 'duration': duration, 'sent': sent, 'rss_kib_samples': samples, 'stats': rest[-1] if rest else None}))
