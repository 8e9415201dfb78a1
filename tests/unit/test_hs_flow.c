/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test_hs_flow.c - the handshake order machine: each legal flow of RFC 5246
 * Figures 1-2, RFC 5077, RFC 8446 section 2 runs through without complaint,
 * and illegal orders are caught with the expected messages named.
 */
#include <string.h>

#include "handshake.h"
#include "hs_flow.h"
#include "tcheck.h"

enum { CL = 0, SV = 1, VER = 2, RESUMED = 3, PSK = 4 };

typedef struct {
    int who; /* CL/SV: an event; VER/RESUMED/PSK: a hint */
    int ev;
} step;

#define CH TLSI_HS_CLIENT_HELLO
#define SH TLSI_HS_SERVER_HELLO
#define HRR TLSI_HS_HELLO_RETRY_REQUEST
#define CERT TLSI_HS_CERTIFICATE
#define CSTATUS TLSI_HS_CERTIFICATE_STATUS
#define SKE TLSI_HS_SERVER_KEY_EXCHANGE
#define CR TLSI_HS_CERTIFICATE_REQUEST
#define SHD TLSI_HS_SERVER_HELLO_DONE
#define CKE TLSI_HS_CLIENT_KEY_EXCHANGE
#define CV TLSI_HS_CERTIFICATE_VERIFY
#define FIN TLSI_HS_FINISHED
#define NST TLSI_HS_NEW_SESSION_TICKET
#define EE TLSI_HS_ENCRYPTED_EXTENSIONS
#define EOED TLSI_HS_END_OF_EARLY_DATA
#define KU TLSI_HS_KEY_UPDATE
#define HREQ TLSI_HS_HELLO_REQUEST
#define CCS TLSI_FLOW_CCS
#define ENC TLSI_FLOW_ENCRYPTED

static tlsi_flow_result last;
static int completes, renegs, resumes;

/* Run steps; return the index of the first unexpected event, or -1. Counts
 * completed handshakes, renegotiations and inferred resumptions. */
static int run(tlsi_flow *f, const step *s, size_t n)
{
    int first_bad = -1;
    completes = renegs = resumes = 0;
    for (size_t i = 0; i < n; i++) {
        switch (s[i].who) {
        case VER:
            tlsi_flow_set_version(f, (uint16_t)s[i].ev);
            continue;
        case RESUMED:
            tlsi_flow_set_resumed(f, s[i].ev);
            continue;
        case PSK:
            tlsi_flow_set_psk(f, s[i].ev);
            continue;
        }
        if (tlsi_flow_event(f, s[i].who == SV, s[i].ev, &last) != TLSI_FLOW_OK) {
            if (first_bad < 0)
                first_bad = (int)i;
        } else {
            CHECK_EQ(last.expected[0], 0);
        }
        completes += last.handshake_complete;
        renegs += last.renegotiation;
        resumes += last.resumed;
    }
    return first_bad;
}

#define RUN(f, arr) run((f), (arr), sizeof(arr) / sizeof((arr)[0]))

static void legal_tls12(void)
{
    tlsi_flow f;

    /* RSA key exchange, no client auth (RFC 5246 Figure 1). */
    static const step rsa[] = {
        {CL, CH},  {VER, 0x0303}, {SV, SH},  {SV, CERT}, {SV, SHD},
        {CL, CKE}, {CL, CCS},     {CL, FIN}, {SV, CCS},  {SV, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(tlsi_flow_established(&f), 0);
    CHECK_EQ(RUN(&f, rsa), -1);
    CHECK(tlsi_flow_established(&f));
    CHECK_EQ(completes, 1);
    CHECK(last.handshake_complete); /* on the server's Finished */
    CHECK_EQ(f.handshakes, 1);
    CHECK_EQ(f.resumed, 0);

    /* ECDHE with every optional message: CertificateStatus, CertificateRequest,
     * client Certificate + CertificateVerify, NewSessionTicket (RFC 5077 3.3). */
    static const step full[] = {
        {CL, CH},  {VER, 0x0303}, {SV, SH},   {SV, CERT}, {SV, CSTATUS}, {SV, SKE},
        {SV, CR},  {SV, SHD},     {CL, CERT}, {CL, CKE},  {CL, CV},      {CL, CCS},
        {CL, FIN}, {SV, NST},     {SV, CCS},  {SV, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, full), -1);
    CHECK_EQ(completes, 1);

    /* PSK without certificate: ServerHello [ServerKeyExchange] ServerHelloDone. */
    static const step psk[] = {
        {CL, CH},  {SV, SH},  {SV, SKE}, {SV, SHD}, {CL, CKE},
        {CL, CCS}, {CL, FIN}, {SV, CCS}, {SV, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, psk), -1);
    CHECK_EQ(completes, 1);

    /* Finished messages that could not be decrypted. */
    static const step enc[] = {
        {CL, CH},  {SV, SH},  {SV, CERT}, {SV, SKE}, {SV, SHD},
        {CL, CKE}, {CL, CCS}, {CL, ENC},  {SV, CCS}, {SV, ENC},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, enc), -1);
    CHECK(tlsi_flow_established(&f));

    /* SSL 3.0: a client without a certificate skips it (RFC 6101 5.6.6). */
    static const step ssl3[] = {
        {CL, CH},  {VER, 0x0300}, {SV, SH},  {SV, CERT}, {SV, CR},  {SV, SHD},
        {CL, CKE}, {CL, CCS},     {CL, FIN}, {SV, CCS},  {SV, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, ssl3), -1);
    CHECK_EQ(completes, 1);

    /* Abbreviated, inferred from the server's CCS (RFC 5246 Figure 2). */
    static const step abbr[] = {
        {CL, CH}, {VER, 0x0303}, {SV, SH}, {SV, CCS}, {SV, FIN}, {CL, CCS}, {CL, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, abbr), -1);
    CHECK_EQ(resumes, 1);
    CHECK_EQ(completes, 1);
    CHECK_EQ(f.resumed, 1);

    /* Abbreviated with a new ticket (RFC 5077 3.1), Finished encrypted. */
    static const step abbr_nst[] = {
        {CL, CH}, {SV, SH}, {SV, NST}, {SV, CCS}, {SV, ENC}, {CL, CCS}, {CL, ENC},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, abbr_nst), -1);
    CHECK_EQ(completes, 1);

    /* Renegotiation: a second full handshake after the first, then one
     * started by HelloRequest; a HelloRequest in mid-handshake is ignored. */
    static const step reneg[] = {
        {CL, CH},  {SV, SH},  {SV, CERT}, {SV, SHD}, {CL, CKE},  {CL, CCS},  {CL, FIN},
        {SV, CCS}, {SV, FIN}, {CL, CH},   {SV, SH},  {SV, HREQ}, {SV, CERT}, {SV, SHD},
        {CL, CKE}, {CL, CCS}, {CL, FIN},  {SV, CCS}, {SV, FIN},  {SV, HREQ}, {CL, CH},
        {SV, SH},  {SV, CCS}, {SV, FIN},  {CL, CCS}, {CL, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, reneg), -1);
    CHECK_EQ(completes, 3);
    CHECK_EQ(renegs, 2);
    CHECK_EQ(f.handshakes, 3);

    /* A renegotiation we cannot decrypt. */
    static const step reneg_enc[] = {
        {CL, CH},  {SV, SH},  {SV, CERT}, {SV, SHD}, {CL, CKE}, {CL, CCS},
        {CL, FIN}, {SV, CCS}, {SV, FIN},  {CL, ENC}, {SV, ENC}, {SV, ENC},
        {SV, ENC}, {CL, ENC}, {CL, CCS},  {CL, ENC}, {SV, CCS}, {SV, ENC},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, reneg_enc), -1);
}

static void legal_tls13(void)
{
    tlsi_flow f;

    /* RFC 8446 2: full handshake with middlebox-compatibility CCSs, then
     * post-handshake tickets and key updates. */
    static const step full[] = {
        {CL, CH},  {VER, 0x0304}, {SV, SH},  {SV, CCS}, {SV, EE},  {SV, CERT}, {SV, CV},
        {SV, FIN}, {CL, CCS},     {CL, FIN}, {SV, NST}, {SV, NST}, {CL, KU},   {SV, KU},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, full), -1);
    CHECK_EQ(completes, 1);
    CHECK(tlsi_flow_established(&f));

    /* HelloRetryRequest (RFC 8446 2.1), the client's CCS right after its first hello. */
    static const step hrr[] = {
        {CL, CH}, {SV, HRR},  {CL, CCS}, {CL, CH},  {VER, 0x0304}, {SV, SH},
        {SV, EE}, {SV, CERT}, {SV, CV},  {SV, FIN}, {CL, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, hrr), -1);
    CHECK_EQ(completes, 1);

    /* PSK resumption with 0-RTT (RFC 8446 2.2, 2.3): no Certificate. */
    static const step psk[] = {
        {CL, CH}, {CL, CCS}, {VER, 0x0304}, {PSK, 1},  {SV, SH},
        {SV, EE}, {SV, FIN}, {CL, EOED},    {CL, FIN}, {SV, NST},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, psk), -1);
    CHECK_EQ(completes, 1);

    /* Client authentication in the handshake, and post-handshake (4.6.2). */
    static const step auth[] = {
        {CL, CH},   {VER, 0x0304}, {SV, SH},   {SV, EE}, {SV, CR},   {SV, CERT},
        {SV, CV},   {SV, FIN},     {CL, CERT}, {CL, CV}, {CL, FIN},  {SV, CR},
        {CL, CERT}, {CL, CV},      {CL, FIN},  {SV, CR}, {CL, CERT}, {CL, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, auth), -1);
    CHECK_EQ(f.pha_pending, 0);

    /* An empty client Certificate: Certificate then Finished. */
    static const step empty_cert[] = {
        {CL, CH},   {VER, 0x0304}, {SV, SH},  {SV, EE},   {SV, CR},
        {SV, CERT}, {SV, CV},      {SV, FIN}, {CL, CERT}, {CL, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, empty_cert), -1);

    /* Nothing decrypted after the ServerHello. */
    static const step enc[] = {
        {CL, CH},  {VER, 0x0304}, {SV, SH},  {SV, CCS}, {SV, ENC}, {SV, ENC}, {SV, ENC},
        {SV, ENC}, {CL, CCS},     {CL, ENC}, {SV, ENC}, {SV, ENC}, {CL, ENC},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, enc), -1);
}

static void illegal(void)
{
    tlsi_flow f;

    /* ServerHelloDone before ServerHello. */
    static const step a[] = {{CL, CH}, {SV, SHD}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, a), 1);
    CHECK(strcmp(last.expected, "ServerHello or HelloRetryRequest") == 0);

    /* ClientKeyExchange before ServerHelloDone. */
    static const step b[] = {{CL, CH}, {VER, 0x0303}, {SV, SH}, {SV, CERT}, {CL, CKE}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, b), 4);
    CHECK(strcmp(last.expected, "CertificateStatus or ServerKeyExchange or CertificateRequest or "
                                "ServerHelloDone") == 0);

    /* Right after a TLS 1.2 ServerHello, with resumption undecided. */
    static const step b2[] = {{CL, CH}, {VER, 0x0303}, {SV, SH}, {CL, CKE}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, b2), 3);
    CHECK(strcmp(last.expected, "server Certificate or ServerKeyExchange or ServerHelloDone or "
                                "NewSessionTicket or server ChangeCipherSpec") == 0);

    /* Finished without ChangeCipherSpec (TLS 1.2). */
    static const step c[] = {
        {CL, CH}, {VER, 0x0303}, {SV, SH}, {SV, CERT}, {SV, SHD}, {CL, CKE}, {CL, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, c), 6);
    CHECK(strcmp(last.expected, "client ChangeCipherSpec") == 0);

    /* Server Finished without CCS. */
    static const step c2[] = {
        {CL, CH}, {SV, SH}, {SV, CERT}, {SV, SHD}, {CL, CKE}, {CL, CCS}, {CL, FIN}, {SV, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, c2), 7);
    CHECK(strcmp(last.expected, "NewSessionTicket or server ChangeCipherSpec") == 0);

    /* A requested client certificate missing (TLS 1.2 requires one, maybe empty). */
    static const step d[] = {
        {CL, CH}, {VER, 0x0303}, {SV, SH}, {SV, CERT}, {SV, CR}, {SV, SHD}, {CL, CKE},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, d), 6);
    CHECK(strcmp(last.expected, "client Certificate or CertificateURL") == 0);

    /* An unrequested client certificate; a CertificateVerify without one. */
    static const step d2[] = {{CL, CH}, {SV, SH}, {SV, CERT}, {SV, SHD}, {CL, CERT}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, d2), 4);
    CHECK(strcmp(last.expected, "ClientKeyExchange") == 0);
    static const step d3[] = {{CL, CH}, {SV, SH}, {SV, CERT}, {SV, SHD}, {CL, CKE}, {CL, CV}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, d3), 5);

    /* Told the session is resumed, the server sends a Certificate. */
    static const step e[] = {{CL, CH}, {RESUMED, 1}, {SV, SH}, {SV, CERT}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, e), 3);
    CHECK(strcmp(last.expected, "NewSessionTicket or server ChangeCipherSpec") == 0);

    /* TLS 1.3: server Certificate after its Finished. */
    static const step g[] = {
        {CL, CH}, {VER, 0x0304}, {SV, SH}, {SV, EE}, {SV, CERT}, {SV, CV}, {SV, FIN}, {SV, CERT},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, g), 7);
    CHECK(strstr(last.expected, "client Finished") != NULL);

    /* TLS 1.3: Certificate without CertificateVerify; PSK with a Certificate;
     * EncryptedExtensions missing. */
    static const step h[] = {
        {CL, CH}, {VER, 0x0304}, {SV, SH}, {SV, EE}, {SV, CERT}, {SV, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, h), 5);
    CHECK(strcmp(last.expected, "server CertificateVerify") == 0);
    static const step h2[] = {{CL, CH}, {VER, 0x0304}, {PSK, 1}, {SV, SH}, {SV, EE}, {SV, CERT}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, h2), 5);
    CHECK(strcmp(last.expected, "server Finished") == 0);
    static const step h3[] = {{CL, CH}, {VER, 0x0304}, {SV, SH}, {SV, CERT}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, h3), 3);
    CHECK(strcmp(last.expected, "EncryptedExtensions") == 0);

    /* TLS 1.3: a second HelloRetryRequest (RFC 8446 4.1.4). */
    static const step i[] = {{CL, CH}, {SV, HRR}, {CL, CH}, {SV, HRR}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, i), 3);
    CHECK(strcmp(last.expected, "ServerHello") == 0);

    /* TLS 1.3: two compatibility CCSs from the client; HelloRequest; a
     * renegotiating ClientHello; a client Certificate nobody asked for. */
    static const step j[] = {{CL, CH}, {CL, CCS}, {VER, 0x0304}, {SV, SH}, {CL, CCS}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, j), 4);
    static const step k[] = {{CL, CH}, {VER, 0x0304}, {SV, SH}, {SV, HREQ}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, k), 3);
    static const step l[] = {
        {CL, CH}, {VER, 0x0304}, {SV, SH},  {SV, EE}, {SV, CERT},
        {SV, CV}, {SV, FIN},     {CL, FIN}, {CL, CH},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, l), 8);
    CHECK(strcmp(last.expected, "NewSessionTicket or server KeyUpdate or client KeyUpdate or "
                                "CertificateRequest") == 0);
    static const step m[] = {
        {CL, CH}, {VER, 0x0304}, {SV, SH}, {SV, EE}, {SV, CERT}, {SV, CV}, {SV, FIN}, {CL, CERT},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, m), 7);
    CHECK(strcmp(last.expected, "EndOfEarlyData or client Finished") == 0);
    /* Post-handshake Finished with no CertificateRequest outstanding. */
    static const step n[] = {
        {CL, CH}, {VER, 0x0304}, {SV, SH},  {SV, EE},  {SV, CERT},
        {SV, CV}, {SV, FIN},     {CL, FIN}, {CL, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, n), 8);

    /* Encrypted messages where none can be: before the TLS 1.2 CCS. */
    static const step o[] = {{CL, CH}, {VER, 0x0303}, {SV, SH}, {SV, ENC}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, o), 3);

    /* Nothing before the ClientHello. */
    static const step p[] = {{SV, SH}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, p), 0);
    CHECK(strcmp(last.expected, "ClientHello") == 0);
}

static void recovery(void)
{
    tlsi_flow f;

    /* A lost ServerHelloDone: one complaint, then the flow resumes at the
     * client's key exchange and completes. */
    static const step a[] = {
        {CL, CH},  {VER, 0x0303}, {SV, SH},  {SV, CERT}, {SV, SKE},
        {CL, CKE}, {CL, CCS},     {CL, FIN}, {SV, CCS},  {SV, FIN},
    };
    int bad = 0;
    tlsi_flow_init(&f);
    for (size_t i = 0; i < sizeof(a) / sizeof(a[0]); i++) {
        if (a[i].who == VER) {
            tlsi_flow_set_version(&f, (uint16_t)a[i].ev);
            continue;
        }
        bad += tlsi_flow_event(&f, a[i].who == SV, a[i].ev, &last) != TLSI_FLOW_OK;
    }
    CHECK_EQ(bad, 1);
    CHECK(tlsi_flow_established(&f));

    /* A lost ServerHello (TLS 1.3 announced): resumes at EncryptedExtensions. */
    static const step b[] = {
        {CL, CH}, {VER, 0x0304}, {SV, EE}, {SV, CERT}, {SV, CV}, {SV, FIN}, {CL, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, b), 2);
    CHECK(tlsi_flow_established(&f));

    /* A capture that starts in the middle: lenient until a ClientHello, then strict. */
    static const step c[] = {
        {SV, CCS}, {CL, ENC}, {SV, ENC}, {CL, CH},  {VER, 0x0303}, {SV, SH},  {SV, CERT},
        {SV, SHD}, {CL, CKE}, {CL, CCS}, {CL, FIN}, {SV, CCS},     {SV, FIN},
    };
    tlsi_flow_init_midstream(&f);
    CHECK(strcmp(tlsi_flow_state_name(&f), "midstream") == 0);
    CHECK_EQ(RUN(&f, c), -1);
    CHECK(tlsi_flow_established(&f));
    static const step d[] = {{SV, FIN}, {CL, CH}, {SV, SHD}};
    tlsi_flow_init_midstream(&f);
    CHECK_EQ(RUN(&f, d), 2);

    /* First event not a ClientHello: one complaint, then lenient. */
    static const step e[] = {{SV, CERT}, {SV, SHD}, {CL, CKE}, {CL, CH}, {SV, SH}};
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, e), 0);
    CHECK(strcmp(tlsi_flow_state_name(&f), "ServerHello received") == 0);

    /* A fresh ClientHello in the middle of a handshake restarts it. */
    static const step g[] = {
        {CL, CH},  {SV, SH},  {CL, CH},  {SV, SH},  {SV, CERT}, {SV, SHD},
        {CL, CKE}, {CL, CCS}, {CL, FIN}, {SV, CCS}, {SV, FIN},
    };
    tlsi_flow_init(&f);
    CHECK_EQ(RUN(&f, g), 2);
    CHECK(tlsi_flow_established(&f));

    /* NULL result is fine. */
    tlsi_flow_init(&f);
    CHECK_EQ(tlsi_flow_event(&f, 0, CH, NULL), TLSI_FLOW_OK);
    CHECK_EQ(tlsi_flow_event(&f, 0, CH, NULL), TLSI_FLOW_UNEXPECTED);
}

int main(void)
{
    legal_tls12();
    legal_tls13();
    illegal();
    recovery();
    return tc_done();
}
