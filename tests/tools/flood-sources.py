#!/usr/bin/env python3
# Source-port flood against the trapactors daemon: sends one v2c trap (captured from net-snmp's snmptrap,
# tests/TrapActors.Benchmarks/Data/v2c-trap-10vb.hex) from each of SOURCES distinct source ports on 127.0.0.1
# (a socket per datagram: open, send, close; a port the kernel hands out twice is not used again), and prints the
# daemon's memory (VmRSS/VmHWM from /proc/PID/status) before, during and after the flood, and its final stats line.
# Loopback only. The daemon's JSON lines go to /tmp/flood-sources/out.jsonl.
#
# Usage (after a Release build):
#   python3 tests/tools/flood-sources.py [--sources 20000] [--waves 1] [--max-sessions N] [--idle-timeout 5m] [--settle 5]
# Without --max-sessions/--idle-timeout the daemon runs on its defaults (session.max-sessions = 10000, idle-timeout = 5m).
import argparse, os, re, socket, subprocess, sys, threading, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
dll = os.path.join(root, 'src/TrapActors.Daemon/bin/Release/net10.0/TrapActors.Daemon.dll')
packet = bytes.fromhex(open(os.path.join(root, 'tests/TrapActors.Benchmarks/Data/v2c-trap-10vb.hex')).read().strip())
work = '/tmp/flood-sources'


def memory(pid):
    """VmRSS and VmHWM in KiB."""
    values = {}
    with open(f'/proc/{pid}/status') as status:
        for line in status:
            key, _, rest = line.partition(':')
            if key in ('VmRSS', 'VmHWM'):
                values[key] = int(rest.split()[0])
    return values


def sample(samples, label, pid, start, sent):
    m = memory(pid)
    samples.append({'at': label, 't_s': round(time.time() - start, 2), 'sent': sent, 'rss_kib': m['VmRSS'], 'hwm_kib': m['VmHWM']})


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--sources', type=int, default=20000, help='distinct source ports, one datagram each')
    parser.add_argument('--max-sessions', type=int, help='trap-actors.session.max-sessions (default: the daemon default)')
    parser.add_argument('--idle-timeout', help='trap-actors.session.idle-timeout, e.g. 2s (default: the daemon default)')
    parser.add_argument('--settle', type=float, default=5.0, help='seconds to wait after each wave before sampling')
    parser.add_argument('--waves', type=int, default=1, help='floods in a row, each followed by --settle seconds')
    args = parser.parse_args()
    if not os.path.exists(dll):
        sys.exit(f'{dll} not found: build with dotnet build TrapActors.sln -c Release first')

    os.makedirs(work, exist_ok=True)
    command = ['dotnet', dll, '--listen', 'udp:127.0.0.1:0', '--format', 'json']
    overrides = []
    if args.max_sessions is not None:
        overrides.append(f'trap-actors.session.max-sessions = {args.max_sessions}')
    if args.idle_timeout is not None:
        overrides.append(f'trap-actors.session.idle-timeout = {args.idle_timeout}')
    if overrides:
        conf = os.path.join(work, 'flood.conf')
        with open(conf, 'w') as f:
            f.write('\n'.join(overrides) + '\n')
        command += ['--config', conf]

    out = open(os.path.join(work, 'out.jsonl'), 'wb')
    daemon = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE)
    stderr_lines = []
    listening = threading.Event()
    port_box = []

    def read_stderr():
        for raw in daemon.stderr:
            line = raw.decode(errors='replace').rstrip('\n')
            stderr_lines.append(line)
            m = re.match(r'listening udp 127\.0\.0\.1:(\d+)$', line)
            if m and not port_box:
                port_box.append(int(m.group(1)))
                listening.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    if not listening.wait(60):
        daemon.kill()
        sys.exit('the daemon did not print its listening line:\n' + '\n'.join(stderr_lines))
    target = ('127.0.0.1', port_box[0])

    start = time.time()
    samples = []
    time.sleep(1.0)  # let start-up allocations settle before the baseline
    sample(samples, 'before', daemon.pid, start, 0)

    sent, attempts, distinct = 0, 0, 0
    every = max(1, args.sources // 10)
    flood_seconds = 0.0
    for wave in range(1, args.waves + 1):
        used = set()  # distinct within a wave; a later wave reuses ports once their sessions have passivated
        wave_start, wave_sent = time.time(), 0
        while wave_sent < args.sources:
            attempts += 1
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                s.bind(('127.0.0.1', 0))
                port = s.getsockname()[1]
                if port in used:
                    continue
                used.add(port)
                s.sendto(packet, target)
                wave_sent += 1
                sent += 1
            finally:
                s.close()
            if wave_sent % every == 0:
                sample(samples, f'during w{wave}', daemon.pid, start, sent)
        flood_seconds += time.time() - wave_start
        distinct = max(distinct, len(used))
        time.sleep(args.settle)
        sample(samples, f'after w{wave} +{args.settle:g}s', daemon.pid, start, sent)

    daemon.send_signal(15)
    exit_code = daemon.wait(120)
    reader.join(10)
    out.close()
    stats = stderr_lines[-1] if stderr_lines else None
    with open(os.path.join(work, 'out.jsonl'), 'rb') as f:
        printed = sum(1 for _ in f)

    print(f'command: {" ".join(command)}')
    print(f'config overrides: {"; ".join(overrides) or "none (daemon defaults)"}')
    print(f'sources: {args.waves} wave(s) of {distinct} distinct ports, {sent} datagrams ({attempts} sockets opened), flooding took {flood_seconds:.2f} s')
    print('memory (KiB):')
    for m in samples:
        print(f'  {m["at"]:<15} t={m["t_s"]:>6.2f}s sent={m["sent"]:>6} VmRSS={m["rss_kib"]:>7} VmHWM={m["hwm_kib"]:>7}')
    print(f'exit code: {exit_code}; stdout lines: {printed}')
    print(f'final stats: {stats}')

if __name__ == '__main__':
    main()
