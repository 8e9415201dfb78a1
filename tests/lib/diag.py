#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks on tlsi's decryption fields, from a tlsi_run (tests/lib/decrypt.sh)
field output on stdin.

  diag.py fail NAME REASON_REGEX < out
      Nothing decrypted: there are protected records, none of them decrypted,
      the tlsi.decryption.failed expert info is there, every record's
      tlsi.decryption.reason matches REASON_REGEX (case-insensitive), and no
      plaintext at all: no tlsi.app_data, no http.
  diag.py ok NAME SOURCE_REGEX < out
      Everything decrypted: there are protected records, all decrypted, no
      tlsi.decryption.failed, and every record's tlsi.decryption.key_source
      matches SOURCE_REGEX.
"""
import re
import sys

SEP = "\x1f"
COLS = ["stream", "srcport", "http_request", "http_response", "app_data", "key_source",
        "frame", "decrypted", "failed", "reason", "protocols"]


def occurrences(v):
    return [x for x in v.split(SEP)] if v != "" else []


def read(lines):
    recs, failed, app, http = [], 0, 0, 0
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < len(COLS):
            raise SystemExit("diag: unexpected line %r" % line)
        f = dict(zip(COLS, cols))
        dec = occurrences(f["decrypted"])
        src = occurrences(f["key_source"])
        why = occurrences(f["reason"])
        if len(src) != len(dec):
            raise SystemExit("diag: frame %s: %d decryption subtrees but %d key sources"
                             % (f["frame"], len(dec), len(src)))
        for i, d in enumerate(dec):
            recs.append({"frame": f["frame"], "decrypted": d in ("1", "True"),
                         "source": src[i]})
        # Reasons exist only on records that were not decrypted, in order.
        undone = [r for r in recs[len(recs) - len(dec):] if not r["decrypted"]]
        for r, w in zip(undone, why):
            r["reason"] = w
        failed += len(occurrences(f["failed"]))
        app += len(occurrences(f["app_data"]))
        if (f["http_request"] or f["http_response"]
                or "http" in f["protocols"].split(":")):
            http += 1
    return recs, failed, app, http


def main():
    mode, name, regex = sys.argv[1], sys.argv[2], sys.argv[3]
    recs, failed, app, http = read(sys.stdin.read().splitlines())
    problems = []
    if not recs:
        problems.append("no protected record (no Decryption subtree) at all")
    if mode == "fail":
        done = [r for r in recs if r["decrypted"]]
        if done:
            problems.append("%d of %d records decrypted (first: frame %s)"
                            % (len(done), len(recs), done[0]["frame"]))
        if failed == 0:
            problems.append("no tlsi.decryption.failed expert info")
        for r in recs:
            if not r["decrypted"] and not re.search(regex, r.get("reason", ""), re.I):
                problems.append("frame %s: reason %r does not match /%s/"
                                % (r["frame"], r.get("reason"), regex))
                break
        if app:
            problems.append("%d tlsi.app_data fields (plaintext shown)" % app)
        if http:
            problems.append("%d frames with HTTP" % http)
        summary = "%d records not decrypted, %d tlsi.decryption.failed, reason: %s" % (
            len(recs), failed, recs[0].get("reason") if recs else None)
    elif mode == "ok":
        undone = [r for r in recs if not r["decrypted"]]
        if undone:
            problems.append("%d of %d records not decrypted (first: frame %s: %s)"
                            % (len(undone), len(recs), undone[0]["frame"],
                               undone[0].get("reason")))
        if failed:
            problems.append("%d tlsi.decryption.failed expert infos" % failed)
        for r in recs:
            if not re.search(regex, r["source"]):
                problems.append("frame %s: decrypted=%s but key source %r does not match /%s/"
                                % (r["frame"], r["decrypted"], r["source"], regex))
                break
        summary = "%d records decrypted, key source %s" % (
            len(recs), ", ".join(sorted(set(r["source"] for r in recs))))
    else:
        sys.exit("unknown mode " + mode)
    if problems:
        for p in problems:
            print("%s: %s" % (name, p))
        sys.exit(1)
    print("%s: %s" % (name, summary))


if __name__ == "__main__":
    main()
