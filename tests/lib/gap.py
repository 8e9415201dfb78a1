# SPDX-License-Identifier: GPL-2.0-or-later
"""gap.py - plan and check the "records missing from the capture" test.

  gap.py plan SERVER_PORT SPEC < builtin.tsv > plan.json
      builtin.tsv: the built-in TLS dissector's fields of the FULL capture
      (frame.number, tcp.srcport, tcp.len, tls.record.content_type (all
      occurrences, ';'), tcp.reassembled_in). SPEC says what to cut, e.g.
      "client:3-4,server:5" (the 3rd and 4th frames in which the client's
      application data records complete, ...) or "server-seg:25" (the
      server's 25th data segment, wherever it falls inside a record). The
      plan names the frames to drop and, from the built-in's view of the full
      capture, per direction: how many records the cut removes (they are in
      a dropped frame, or reassembled from one) and the frames whose records
      are lost with it.

  gap.py check PLAN CHAINED < full.tsv gapped.tsv
      full.tsv / gapped.tsv: tlsi's fields (frame.number, tcp.srcport,
      tcp.seq, tlsi.app_data, tlsi.record.resync_skipped,
      tlsi.record.resynced, expert message) of the full and of the cut
      capture, read from the two file names given after PLAN. Checks:
      * no plaintext in the cut capture differs from the full capture's
        record at the same place (TCP direction, segment sequence number,
        order in the segment): a wrong guess would show here;
      * every application data record after the gap that the cut did not
        remove decrypts (CHAINED=1: but the first one of each direction,
        whose chained CBC IV was in the lost data, may be lost);
      * the records said to be missing (tlsi.record.resync_skipped) add up
        to what the built-in counts in the cut part, per direction;
      * the full capture shows no resync at all.
"""
import json
import sys

AGG = "\x1f"


def rows(stream):
    for line in stream:
        line = line.rstrip("\n")
        if line:
            yield line.split("\t")


def parse_spec(spec):
    """'client:3-4,server:5' -> [('client', 3, 4), ('server', 5, 5)]."""
    out = []
    for part in spec.split(","):
        side, rng = part.split(":")
        lo, _, hi = rng.partition("-")
        out.append((side, int(lo), int(hi or lo)))
    return out


def plan(port, spec):
    frames = []  # (frame, side, tcp_len, n_records, app?, reassembled_in)
    for r in rows(sys.stdin):
        r += [""] * (5 - len(r))
        side = "server" if r[1] == port else "client"
        types = [t for t in r[3].replace(",", ";").split(";") if t]
        frames.append((int(r[0]), side, int(r[2] or 0), types, int(r[4] or 0)))
    drop = set()
    for side, lo, hi in parse_spec(spec):
        if side.endswith("-seg"):
            segs = [f for f in frames if f[1] == side[:-4] and f[2] > 0]
            drop.update(f[0] for f in segs[lo - 1:hi])
        else:
            app = [f for f in frames if f[1] == side and "23" in f[3]]
            drop.update(f[0] for f in app[lo - 1:hi])
    missing = {"client": 0, "server": 0}
    lost = set()  # frames where records that needed a dropped segment complete
    first_drop = {}
    for f in frames:
        if f[0] not in drop:
            continue
        first_drop.setdefault(f[1], f[0])
        missing[f[1]] += len(f[3])
        if f[4] and f[4] not in drop:
            lost.add(f[4])
    for f in frames:
        if f[0] in lost:
            missing[f[1]] += 1  # the record reassembled there (its first)
    json.dump({"drop": sorted(drop), "missing": missing, "lost": sorted(lost),
               "first_drop": first_drop}, sys.stdout)


def tlsi_records(path, port):
    """{(side, tcp.seq, index): plaintext}, resync counts per side, frames."""
    recs, skipped, marked, experts = {}, {"client": 0, "server": 0}, {"client": 0, "server": 0}, 0
    order = []
    with open(path) as f:
        for r in rows(f):
            r += [""] * (7 - len(r))
            side = "server" if r[1] == port else "client"
            # Empty records (TLS 1.0's 0-byte record before each one) carry
            # nothing to compare: only records with plaintext are numbered.
            for i, pt in enumerate(x for x in r[3].split(AGG) if x not in ("", "<MISSING>")):
                recs[(side, r[2], i)] = pt
                order.append((int(r[0]), side, r[2], i))
            skipped[side] += sum(int(x) for x in r[4].split(AGG) if x)
            marked[side] += sum(1 for x in r[5].split(AGG) if x in ("1", "True"))
            experts += r[6].count("Decrypted after a resync")
    return recs, skipped, marked, experts, order


def check(plan_path, chained, full_path, gapped_path, port):
    p = json.load(open(plan_path))
    full, fs, fm, fe, forder = tlsi_records(full_path, port)
    cut, cs, cm, ce, corder = tlsi_records(gapped_path, port)
    bad = []
    if fs != {"client": 0, "server": 0} or fm != {"client": 0, "server": 0} or fe:
        bad.append("the full capture shows a resync: %s %s" % (fs, fm))
    for k, pt in cut.items():
        if full.get(k) != pt:
            bad.append("record %s: plaintext differs from the full capture's" % (k,))
    seq_of = {}  # frame number of the full capture -> its records
    for fr, side, seq, i in forder:
        seq_of.setdefault(fr, []).append((side, seq, i))
    for side, first in p["first_drop"].items():
        want = [(fr, k) for fr in sorted(seq_of) for k in seq_of[fr]
                if fr > first and k[0] == side and fr not in p["drop"] and fr not in p["lost"]]
        got = sum(1 for _, k in want if k in cut)
        if chained and want and want[0][1] not in cut:
            got += 1  # the first one's IV was lost (an empty record in its place is fine too)
        print("%s: %d of %d records after the gap decrypted, %d marked resynced, "
              "%d said missing (built-in: %d cut)" % (side, got, len(want), cm[side], cs[side],
                                                      p["missing"][side]))
        if got != len(want):
            bad.append("%s: %d records after the gap not decrypted" % (side, len(want) - got))
        if cs[side] != p["missing"][side]:
            bad.append("%s: tlsi says %d records missing, the cut removed %d"
                       % (side, cs[side], p["missing"][side]))
        if cm[side] < got:
            bad.append("%s: records after the gap not marked as resynced" % side)
    if ce < len(p["first_drop"]):
        bad.append("no 'Decrypted after a resync' expert info")
    for b in bad:
        print("FAIL: " + b)
    return 1 if bad else 0


def main():
    if sys.argv[1] == "plan":
        plan(sys.argv[2], sys.argv[3])
        return 0
    return check(sys.argv[2], sys.argv[3] == "1", sys.argv[4], sys.argv[5], sys.argv[6])


if __name__ == "__main__":
    sys.exit(main())
