#!/usr/bin/env python3
"""The benchmark's plain peer: a single-threaded Python regex parser that only counts beacon events.

    scripts/count-beacon.py access.log

Reads a plain (not gzipped) nginx/Apache combined access log line by line, matches each line with one regular
expression for the combined format, keeps the beacon hits (a path ending in `/_mika/b.gif`, GET with 2xx/304 or
POST with 2xx/405 as docs/beacon-protocol.md accepts them) and counts them and their events by name. Nothing clever: no
site key, crawler, replay or model check, no percent-decoding, no time parsing. Prints the counts.
"""
import argparse
import collections
import re
import sys

COMBINED = re.compile(
    rb'(\S+) (\S+) (\S+) \[([^\]]+)\] "(?:(\S+) (\S+)(?: [^"]*)?|[^"]*)" (\d{3}) (\d+|-) "([^"]*)" "([^"]*)"\r?\n?$')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("log", help="a plain combined access log (- for standard input)")
    args = parser.parse_args()

    lines = malformed = hits = 0
    events = collections.Counter()
    stream = sys.stdin.buffer if args.log == "-" else open(args.log, "rb", buffering=1 << 20)
    with stream:
        for line in stream:
            lines += 1
            m = COMBINED.match(line)
            if m is None:
                malformed += 1
                continue
            method, target, status = m.group(5, 6, 7)
            if target is None:
                continue
            path, _, query = target.partition(b"?")
            if not path.endswith(b"/_mika/b.gif"):
                continue
            if not (status[0] == 50 or status == b"304" and method == b"GET" or status == b"405" and method == b"POST"):
                continue  # 50 is ord("2")
            if method != b"GET" and method != b"POST":
                continue
            hits += 1
            for param in query.split(b"&"):
                if param.startswith(b"e="):
                    for event in param[2:].split(b";"):
                        events[event.split(b":", 1)[0]] += 1

    print(f"lines {lines}")
    print(f"not combined {malformed}")
    print(f"beacon hits {hits}")
    print(f"events {sum(events.values())}")
    for name, count in events.most_common():
        print(f"  {name.decode('utf-8', 'replace')} {count}")


if __name__ == "__main__":
    main()
