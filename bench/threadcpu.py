#!/usr/bin/env python3
"""CPU time of a process by thread group, from /proc (exact, unlike sampling profilers).

  threadcpu.py snap PID > FILE              # per-thread utime+stime ticks
  threadcpu.py diff BEFORE AFTER REQUESTS [NAME]   # CPU used in between, per thread group, and per request

Thread names have their digits folded (ForkJoinPool-1-worker-3 -> ForkJoinPool-N-worker-N), so a pool's
threads add up; threads that ended in between are missed (their ticks are gone), so totals are a lower bound.
"""
import glob, json, os, re, sys

def snap(pid):
    out = {}
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            stat = open(f"{task}/stat").read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        out[os.path.basename(task)] = [name, int(fields[11]) + int(fields[12])]  # utime + stime
    return out

def diff(before, after, requests, name):
    hz = os.sysconf("SC_CLK_TCK")
    groups = {}
    for tid, (thread, ticks) in after.items():
        used = ticks - before.get(tid, [thread, 0])[1]
        key = re.sub(r"\d+", "N", thread)
        groups[key] = groups.get(key, 0) + used
    total = sum(groups.values())
    per = f", {total / hz * 1e6 / requests:.0f} us per request" if requests > 0 else ""
    print(f"{name} CPU in the measured run: {total / hz:.2f} s{per}; by thread:", end="")
    for key, used in sorted(groups.items(), key=lambda kv: -kv[1])[:6]:
        if used > 0:
            print(f" {key} {100 * used / max(total, 1):.0f}%", end="")
    print()

if __name__ == "__main__":
    if sys.argv[1] == "snap":
        json.dump(snap(sys.argv[2]), sys.stdout)
    else:
        diff(json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else "server")
