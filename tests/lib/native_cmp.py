# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare tshark -T json of the built-in TLS dissector (first file) and of
tlsi (second file) for the native-layer test: per frame, the top-level layer
keys (tlsi named tls), HTTP's expert messages and full request URIs, the
reassembly navigation fields and tls.app_data_proto, and that tlsi frames
never show a tls layer. Prints the differences; exit 1 if any."""
import json
import sys

# built-in field -> tlsi field
RF = {
    "tls.segment": "tlsi.segment",
    "tls.segment.count": "tlsi.segment.count",
    "tls.reassembled_in": "tlsi.reassembled_in",
    "tls.reassembled.length": "tlsi.reassembled.length",
    "tls.reassembled.data": "tlsi.reassembled.data",
    "tls.app_data_proto": "tlsi.app_data_proto",
    "tls.handshake.fragment": "tlsi.handshake.fragment.frame",
    "tls.handshake.fragment.count": "tlsi.handshake.fragment.count",
    "tls.handshake.reassembled_in": "tlsi.handshake.reassembled_in",
}


def walk(o, key, out):
    """Every value of `key` anywhere under o (JSON object keys repeat as lists)."""
    if isinstance(o, dict):
        for k, v in o.items():
            if k == key:
                out.extend(v if isinstance(v, list) else [v])
            walk(v, key, out)
    elif isinstance(o, list):
        for v in o:
            walk(v, key, out)


def per_frame(path, tlsi):
    res = {}
    for p in json.load(open(path)):
        lay = p["_source"]["layers"]
        fno = lay["frame"]["frame.number"]
        keys = [k.replace("tlsi", "tls") if tlsi else k for k in lay]
        d = {"layers": keys}
        experts, uris = [], []
        for proto in ("http", "http2"):
            walk(lay.get(proto, {}), "_ws.expert.message", experts)
        walk(lay.get("http", {}), "http.request.full_uri", uris)
        d["http_experts"] = sorted(experts)
        d["uris"] = uris
        for b, t in RF.items():
            vals = []
            walk(lay, t if tlsi else b, vals)
            # tls.handshake.fragment (FT_FRAMENUM) only; tlsi's same-named
            # field is the fragment's bytes, so it is not collected.
            d[b] = [v for v in vals if isinstance(v, str)]
        if tlsi:
            alerts = []
            walk(lay.get("tlsi", {}), "tlsi.alert.description", alerts)
            d["close_notify"] = "0" in alerts
            d["has_tls"] = "tls" in lay
            d["protocols"] = lay["frame"].get("frame.protocols", "")
        res[fno] = d
    return res


def main():
    bi, tl = per_frame(sys.argv[1], False), per_frame(sys.argv[2], True)
    bad = []
    if set(bi) != set(tl):
        bad.append("frames differ: %s" % sorted(set(bi) ^ set(tl)))
    n_http = n_rf = flushed = extra_links = 0
    for f in sorted(set(bi) & set(tl), key=int):
        a, b = bi[f], tl[f]
        if b["close_notify"] and "http" not in a["layers"] and "http" in b["layers"]:
            # tlsi hands an HTTP/1.0 response that runs to close_notify to
            # HTTP there; the built-in never completes it (README).
            a = dict(a, layers=b["layers"], http_experts=b["http_experts"])
            flushed += 1
        if "http" in a["layers"] or "http2" in a["layers"]:
            n_http += 1
        if not a["tls.reassembled_in"] and len(b["tls.reassembled_in"]) == 1:
            # The built-in leaves out the forward link of a PDU that starts
            # after another PDU in the same record (HTTP/2 frames); tlsi
            # gives it. It must lead to the frame where that PDU completes.
            to = tl.get(b["tls.reassembled_in"][0], {})
            if not to.get("tls.reassembled.length"):
                bad.append("frame %s: tlsi's reassembled_in %s leads to no reassembled PDU"
                           % (f, b["tls.reassembled_in"]))
            a = dict(a, **{"tls.reassembled_in": b["tls.reassembled_in"]})
            extra_links += 1
        for k, v in a.items():
            if b.get(k) != v:
                bad.append("frame %s %s: built-in %.200s, tlsi %.200s" % (f, k, v, b.get(k)))
            if k in RF and v:
                n_rf += 1
        if b["has_tls"] or ":tls:" in b["protocols"] + ":":
            bad.append("frame %s: tlsi frame shows tls" % f)
    for line in bad[:20]:
        print(line)
    print("%d frames, %d with HTTP or HTTP/2, %d reassembly field values compared, %d close_notify "
          "hand-offs and %d forward links only tlsi makes" % (len(bi), n_http, n_rf, flushed,
                                                             extra_links))
    sys.exit(1 if bad or not n_http else 0)


main()
