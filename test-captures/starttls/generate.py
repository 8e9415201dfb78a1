#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""generate.py - real captures of TLS that starts inside another protocol.

Each capture is one TCP connection on loopback: a real client (OpenSSL
s_client -starttls PROTO, or curl through a proxy) talks to a small server
written here that speaks the protocol's plaintext part, then wraps the
socket with Python's ssl module. Both sides write key logs (s_client
-keylogfile, curl SSLKEYLOGFILE, ssl.SSLContext.keylog_filename); the
capture's .keylog holds them all. After the handshake the client sends one
line and the server answers with one line and closes.

Every case runs in its own network namespace (unshare --net), so it can use
the protocol's well-known port (25, 143, ...) without disturbing the host,
and dumpcap on that namespace's lo sees only this connection.

Usage (as root):  ./generate.py [NAME...]    (default: all; --list for names)
Writes NAME.pcapng and NAME.keylog here, and manifest.tsv (name, file,
port the TLS part is decoded on, plaintext protocol for frame.protocols,
description).
"""
import os
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "..", "keys")
CERT = os.path.join(KEYS, "rsa-server.crt")
KEY = os.path.join(KEYS, "rsa-server.key")


def recv_line(s):
    buf = b""
    while not buf.endswith(b"\n"):
        c = s.recv(1)
        if not c:
            break
        buf += c
    return buf


def recv_until(s, token):
    buf = b""
    while token not in buf:
        c = s.recv(4096)
        if not c:
            break
        buf += c
    return buf


# ---- plaintext parts: each returns once the client will start TLS --------

def smtp(s):
    s.sendall(b"220 mail.example.test ESMTP tlsi-test\r\n")
    recv_line(s)  # EHLO
    s.sendall(b"250-mail.example.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
    recv_line(s)  # STARTTLS
    s.sendall(b"220 2.0.0 Ready to start TLS\r\n")


def imap(s):
    s.sendall(b"* OK [CAPABILITY IMAP4rev1 STARTTLS] tlsi-test ready\r\n")
    tag = recv_line(s).split(b" ")[0]  # CAPABILITY
    s.sendall(b"* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n" + tag + b" OK done\r\n")
    tag = recv_line(s).split(b" ")[0]  # STARTTLS
    s.sendall(tag + b" OK Begin TLS negotiation now\r\n")


def pop3(s):
    s.sendall(b"+OK tlsi-test POP3 ready\r\n")
    recv_line(s)  # STLS
    s.sendall(b"+OK Begin TLS negotiation\r\n")


def ftp(s):
    s.sendall(b"220 tlsi-test FTP ready\r\n")
    recv_line(s)  # AUTH TLS
    s.sendall(b"234 AUTH TLS successful\r\n")


def nntp(s):
    s.sendall(b"200 tlsi-test NNTP ready\r\n")
    recv_line(s)  # CAPABILITIES
    s.sendall(b"101 Capability list:\r\nVERSION 2\r\nREADER\r\nSTARTTLS\r\n.\r\n")
    recv_line(s)  # STARTTLS
    s.sendall(b"382 Continue with TLS negotiation\r\n")


def xmpp(s):
    recv_until(s, b"version='1.0'>")  # <?xml ...?><stream:stream ... version='1.0'>
    s.sendall(b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
              b"xmlns:stream='http://etherx.jabber.org/streams' id='tlsi1' "
              b"from='example.test' version='1.0'>"
              b"<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
              b"<required/></starttls></stream:features>")
    recv_until(s, b"/>")  # <starttls .../>
    s.sendall(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")


def ldap(s):
    req = s.recv(4096)  # ExtendedRequest 1.3.6.1.4.1.1466.20037
    msgid = req[4] if len(req) > 4 else 1
    oid = b"1.3.6.1.4.1.1466.20037"
    body = b"\x0a\x01\x00\x04\x00\x04\x00" + b"\x8a" + bytes([len(oid)]) + oid
    op = b"\x78" + bytes([len(body)]) + body
    msg = b"\x02\x01" + bytes([msgid]) + op
    s.sendall(b"\x30" + bytes([len(msg)]) + msg)


def postgres(s):
    s.recv(8)  # SSLRequest
    s.sendall(b"S")


def mysql(s):
    # Protocol::HandshakeV10 with CLIENT_SSL (0x0800) among the capabilities.
    caps = 0x0800 | 0x0200 | 0x8000 | 0x0008 | 0x0001 | 0x00080000
    p = bytes([10]) + b"8.0.36-tlsi-test\0" + struct.pack("<I", 7) + b"abcdefgh\0"
    p += struct.pack("<H", caps & 0xFFFF) + bytes([0xFF]) + struct.pack("<H", 2)
    p += struct.pack("<H", caps >> 16) + bytes([21]) + b"\0" * 10 + b"ijklmnopqrst\0"
    p += b"mysql_native_password\0"
    s.sendall(struct.pack("<I", len(p))[:3] + b"\0" + p)
    hdr = s.recv(4)  # SSLRequest packet header + 32 bytes
    n = struct.unpack("<I", hdr[:3] + b"\0")[0]
    while n > 0:
        n -= len(s.recv(n))


def http_connect(s):
    req = recv_until(s, b"\r\n\r\n")
    assert req.startswith(b"CONNECT "), req
    s.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")


def socks5(s):
    hello = s.recv(2)
    s.recv(hello[1])
    s.sendall(b"\x05\x00")
    hdr = s.recv(4)
    atyp = hdr[3]
    if atyp == 1:
        addr = s.recv(4)
    elif atyp == 3:
        n = s.recv(1)
        addr = n + s.recv(n[0])
    else:
        addr = s.recv(16)
    port = s.recv(2)
    s.sendall(b"\x05\x00\x00" + bytes([atyp]) + addr + port)


def socks4_request(s, nuls):
    """VN CD DSTPORT DSTIP USERID\0 [HOST\0 for 4a], however it is segmented."""
    buf = b""
    while len(buf) < 8 or buf[8:].count(b"\0") < nuls:
        c = s.recv(4096)
        if not c:
            break
        buf += c


def socks4(s):
    socks4_request(s, 1)
    s.sendall(b"\x00\x5a" + b"\0" * 6)


def socks4a(s):
    socks4_request(s, 2)
    s.sendall(b"\x00\x5a" + b"\0" * 6)


# name: (port, plaintext part, protocol in frame.protocols, client, description).
# The protocol is the one Wireshark 4.0 shows for the plaintext part: "data"
# where it has no dissector on that port (XMPP on 5269, SOCKS on 7777).
# For the proxies the client connects to the proxy port; the proxy is the TLS
# server itself (it "tunnels" to itself), so one connection holds it all.
S = ["openssl", "s_client", "-connect", "127.0.0.1:{port}", "-keylogfile", "{ckl}", "-quiet",
     "-servername", "localhost"]
CURL = ["curl", "-sk", "--max-time", "10", "-o", "/dev/null"]
CASES = {
    "starttls-smtp": (25, smtp, "smtp", S + ["-starttls", "smtp"], "SMTP STARTTLS on 25"),
    "starttls-smtp-587": (587, smtp, "smtp", S + ["-starttls", "smtp"],
                          "SMTP STARTTLS on the submission port 587"),
    "starttls-imap": (143, imap, "imap", S + ["-starttls", "imap"], "IMAP STARTTLS on 143"),
    "starttls-pop3": (110, pop3, "pop", S + ["-starttls", "pop3"], "POP3 STLS on 110"),
    "starttls-ftp": (21, ftp, "ftp", S + ["-starttls", "ftp"], "FTP AUTH TLS on 21"),
    "starttls-ldap": (389, ldap, "ldap", S + ["-starttls", "ldap"], "LDAP StartTLS on 389"),
    "starttls-xmpp": (5222, xmpp, "xmpp", S + ["-starttls", "xmpp", "-xmpphost", "example.test"],
                      "XMPP client-to-server STARTTLS on 5222"),
    "starttls-xmpp-server": (5269, xmpp, "data",
                             S + ["-starttls", "xmpp-server", "-xmpphost", "example.test"],
                             "XMPP server-to-server STARTTLS on 5269"),
    "starttls-nntp": (119, nntp, "nntp", S + ["-starttls", "nntp"], "NNTP STARTTLS on 119"),
    "starttls-postgres": (5432, postgres, "pgsql", S + ["-starttls", "postgres"],
                          "PostgreSQL SSLRequest on 5432"),
    "starttls-mysql": (3306, mysql, "mysql", S + ["-starttls", "mysql"],
                       "MySQL CLIENT_SSL switch on 3306"),
    "proxy-http-connect": (3128, http_connect, "http",
                           CURL + ["-x", "http://127.0.0.1:{port}", "https://localhost:9443/"],
                           "curl through an HTTP CONNECT proxy on 3128 to port 9443"),
    "proxy-socks5": (1080, socks5, "socks",
                     CURL + ["--socks5-hostname", "127.0.0.1:{port}", "https://localhost:9443/"],
                     "curl through a SOCKS5 proxy (host name) on 1080"),
    "proxy-socks4": (1080, socks4, "socks",
                     CURL + ["--socks4", "127.0.0.1:{port}", "https://127.0.0.1:9443/"],
                     "curl through a SOCKS4 proxy on 1080"),
    "proxy-socks4a": (1080, socks4a, "socks",
                      CURL + ["--socks4a", "127.0.0.1:{port}", "https://localhost:9443/"],
                      "curl through a SOCKS4a proxy on 1080"),
    "proxy-socks5-port7777": (7777, socks5, "data",
                              CURL + ["--socks5", "127.0.0.1:{port}", "https://127.0.0.1:9443/"],
                              "curl through a SOCKS5 proxy (IPv4 address) on port 7777"),
}


def serve(name, lst, skl, done):
    port, plain, _, _, _ = CASES[name]
    conn, _ = lst.accept()
    try:
        plain(conn)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(CERT, KEY)
        ctx.keylog_filename = skl
        t = ctx.wrap_socket(conn, server_side=True)
        line = recv_line(t)
        if line.startswith(b"GET "):
            recv_until(t, b"\r\n\r\n") if not line.endswith(b"\r\n\r\n") else None
            t.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 12\r\nConnection: close\r\n\r\n"
                      b"hello tlsi\r\n")
        else:
            t.sendall(b"server got: " + line)
        t.unwrap()  # close_notify
        t.close()
    except Exception as e:  # the client's failure shows in its own output
        print("server %s: %r" % (name, e), file=sys.stderr)
    finally:
        done.set()


def run_case(name):
    """Inside a fresh network namespace."""
    port, _, _, client, _ = CASES[name]
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    pcap = os.path.join(HERE, name + ".pcapng")
    ckl, skl = "/tmp/%s.client.keylog" % name, "/tmp/%s.server.keylog" % name
    for f in (pcap, ckl, skl):
        if os.path.exists(f):
            os.unlink(f)
    dc = subprocess.Popen(["dumpcap", "-q", "-i", "lo", "-f", "tcp port %d" % port, "-w", pcap],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if os.path.exists(pcap) and os.path.getsize(pcap) > 0:
            break
        time.sleep(0.05)
    time.sleep(0.5)
    lst = socket.socket()
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind(("127.0.0.1", port))
    lst.listen(1)
    done = threading.Event()
    threading.Thread(target=serve, args=(name, lst, skl, done), daemon=True).start()
    argv = [a.format(port=port, ckl=ckl) for a in client]
    env = dict(os.environ, SSLKEYLOGFILE=ckl)
    # s_client: the line is sent once TLS is up; -quiet keeps reading until
    # the server closes.
    r = subprocess.run(argv, input=b"hello over tls\n", env=env, capture_output=True, timeout=20)
    done.wait(10)
    time.sleep(0.5)
    dc.send_signal(2)
    dc.wait()
    with open(os.path.join(HERE, name + ".keylog"), "w") as out:
        for f in (ckl, skl):
            if os.path.exists(f):
                out.write(open(f).read())
    for f in (pcap, os.path.join(HERE, name + ".keylog")):
        os.chmod(f, 0o644)
    print("%s: client exit %d, %d bytes captured" % (name, r.returncode, os.path.getsize(pcap)))
    if r.returncode != 0:
        sys.stderr.write(r.stderr.decode(errors="replace"))


def main():
    args = sys.argv[1:]
    if args[:1] == ["--list"]:
        print("\n".join(CASES))
        return
    if args[:1] == ["__case"]:
        run_case(args[1])
        return
    names = args or list(CASES)
    for n in names:
        r = subprocess.run(["unshare", "--net", sys.executable, os.path.abspath(__file__),
                            "__case", n])
        if r.returncode:
            print("%s: FAILED" % n, file=sys.stderr)
    with open(os.path.join(HERE, "manifest.tsv"), "w") as m:
        m.write("name\tfile\tport\tplaintext\tdescription\n")
        for n, (port, _, proto, _, desc) in CASES.items():
            if os.path.exists(os.path.join(HERE, n + ".pcapng")):
                m.write("%s\t%s.pcapng\t%d\t%s\t%s\n" % (n, n, port, proto, desc))


if __name__ == "__main__":
    main()
