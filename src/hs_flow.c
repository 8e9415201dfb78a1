/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hs_flow.c - the handshake order table and the machine that walks it (see
 * hs_flow.h). States are numbered in protocol order within each family
 * (TLS <= 1.2, TLS 1.3) so that resynchronisation can look "forward".
 */
#include "hs_flow.h"

#include <stdio.h>
#include <string.h>

#include "extensions.h" /* tlsi_version_is_tls13 */
#include "handshake.h"

enum {
    ST_SAME = 0, /* as a row's next state: stay */
    ST_START,
    ST_MIDSTREAM,
    ST_CH, /* ClientHello sent; ServerHello decides the family */
    /* SSL 3.0 - TLS 1.2, full handshake */
    ST_SH,
    ST_SCERT,
    ST_CSTATUS,
    ST_SKE,
    ST_CR,
    ST_SHD,
    ST_CCERT,
    ST_CKE,
    ST_CV,
    ST_CCCS,
    ST_CFIN,
    ST_SNST,
    ST_SCCS,
    /* abbreviated */
    ST_ANST,
    ST_ASCCS,
    ST_ASFIN,
    ST_ACCCS,
    ST_DONE,
    ST_HELLOREQ,
    ST_RENEG_OPAQUE,
    /* TLS 1.3 */
    ST13_HRR,
    ST13_CH2,
    ST13_SH,
    ST13_EE,
    ST13_CR,
    ST13_SCERT,
    ST13_SCV,
    ST13_SFIN,
    ST13_CCERT,
    ST13_CCV,
    ST13_DONE,
    ST13_OPAQUE,
    ST_COUNT
};

static const char *const state_names[ST_COUNT] = {
    [ST_START] = "start",
    [ST_MIDSTREAM] = "midstream",
    [ST_CH] = "ClientHello sent",
    [ST_SH] = "ServerHello received",
    [ST_SCERT] = "server Certificate",
    [ST_CSTATUS] = "CertificateStatus",
    [ST_SKE] = "ServerKeyExchange",
    [ST_CR] = "CertificateRequest",
    [ST_SHD] = "ServerHelloDone",
    [ST_CCERT] = "client Certificate",
    [ST_CKE] = "ClientKeyExchange",
    [ST_CV] = "client CertificateVerify",
    [ST_CCCS] = "client ChangeCipherSpec",
    [ST_CFIN] = "client Finished",
    [ST_SNST] = "NewSessionTicket",
    [ST_SCCS] = "server ChangeCipherSpec",
    [ST_ANST] = "abbreviated: NewSessionTicket",
    [ST_ASCCS] = "abbreviated: server ChangeCipherSpec",
    [ST_ASFIN] = "abbreviated: server Finished",
    [ST_ACCCS] = "abbreviated: client ChangeCipherSpec",
    [ST_DONE] = "established",
    [ST_HELLOREQ] = "HelloRequest",
    [ST_RENEG_OPAQUE] = "encrypted renegotiation",
    [ST13_HRR] = "TLS 1.3 HelloRetryRequest",
    [ST13_CH2] = "TLS 1.3 second ClientHello",
    [ST13_SH] = "TLS 1.3 ServerHello",
    [ST13_EE] = "TLS 1.3 EncryptedExtensions",
    [ST13_CR] = "TLS 1.3 CertificateRequest",
    [ST13_SCERT] = "TLS 1.3 server Certificate",
    [ST13_SCV] = "TLS 1.3 server CertificateVerify",
    [ST13_SFIN] = "TLS 1.3 server Finished",
    [ST13_CCERT] = "TLS 1.3 client Certificate",
    [ST13_CCV] = "TLS 1.3 client CertificateVerify",
    [ST13_DONE] = "TLS 1.3 established",
    [ST13_OPAQUE] = "TLS 1.3 encrypted handshake",
};

/* Guards: every bit set in a row must hold. */
enum {
    G_NOT_RESUMED = 1u << 0,   /* not known to be abbreviated */
    G_MAYBE_RESUMED = 1u << 1, /* not known to be full */
    G_TLS13 = 1u << 2,
    G_NOT_TLS13 = 1u << 3,
    G_CERT_REQ = 1u << 4,
    G_NO_CERT_REQ = 1u << 5,
    G_CLIENT_CERT = 1u << 6,
    G_SSL3 = 1u << 7,
    G_PSK = 1u << 8,
    G_NOT_PSK = 1u << 9,
    G_C_CCS_UNUSED = 1u << 10, /* TLS 1.3: one compatibility CCS per sender */
    G_S_CCS_UNUSED = 1u << 11,
    G_PHA_IDLE = 1u << 12, /* a post-handshake CertificateRequest awaits its Certificate */
    G_PHA_CERT = 1u << 13, /* ...the Certificate came */
    G_PHA_ANY = 1u << 14,  /* ...the Certificate (and maybe CertificateVerify) came */
};

/* Actions, applied when a row is taken. */
enum {
    A_RESUMED = 1u << 0,
    A_FULL = 1u << 1,
    A_CERT_REQ = 1u << 2,
    A_CLIENT_CERT = 1u << 3,
    A_C_CCS = 1u << 4,
    A_S_CCS = 1u << 5,
    A_NEW_HS = 1u << 6, /* a ClientHello: clear the per-handshake flags */
    A_TLS13 = 1u << 7,  /* a HelloRetryRequest implies TLS 1.3 */
    A_PHA_REQ = 1u << 8,
    A_PHA_CERT = 1u << 9,
    A_PHA_CV = 1u << 10,
    A_PHA_FIN = 1u << 11,
};

enum { C = 0, S = 1 }; /* sender */

typedef struct {
    uint8_t lo, hi; /* the row applies in states lo..hi */
    uint8_t from;
    uint16_t event;
    uint16_t guard;
    uint8_t next;
    uint16_t action;
    uint8_t quiet; /* legal, but not named in "expected" (HelloRequest, compat CCS, ...) */
} flow_row;

#define AT(s) .lo = (s), .hi = (s)
#define IN(a, b) .lo = (a), .hi = (b)

#define CH TLSI_HS_CLIENT_HELLO
#define SH TLSI_HS_SERVER_HELLO
#define HRR TLSI_HS_HELLO_RETRY_REQUEST
#define CERT TLSI_HS_CERTIFICATE
#define CCERT TLSI_HS_COMPRESSED_CERTIFICATE
#define CURL TLSI_HS_CERTIFICATE_URL
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
#define NPN TLSI_HS_NEXT_PROTOCOL
#define CCS TLSI_FLOW_CCS
#define ENC TLSI_FLOW_ENCRYPTED

/* The legal orders. Rows are in protocol order; the first row whose state,
 * sender, event and guards match is taken. */
/* clang-format off */
static const flow_row rows[] = {
    {AT(ST_START), .from = C, .event = CH, .next = ST_CH, .action = A_NEW_HS},

    /* ClientHello -> ServerHello (RFC 5246 7.3) or HelloRetryRequest (RFC 8446 4.1.4).
     * A TLS 1.3 client may send its compatibility CCS right after its hello. */
    {AT(ST_CH), .from = S, .event = SH, .guard = G_NOT_TLS13, .next = ST_SH},
    {AT(ST_CH), .from = S, .event = SH, .guard = G_TLS13, .next = ST13_SH},
    {AT(ST_CH), .from = S, .event = HRR, .next = ST13_HRR, .action = A_TLS13},
    {AT(ST_CH), .from = C, .event = CCS, .guard = G_C_CCS_UNUSED, .action = A_C_CCS, .quiet = 1},

    /* Server flight of a full handshake: [Certificate [CertificateStatus]]
     * [ServerKeyExchange] [CertificateRequest] ServerHelloDone; or, resumed,
     * [NewSessionTicket] ChangeCipherSpec. */
    {AT(ST_SH), .from = S, .event = CERT, .guard = G_NOT_RESUMED,
     .next = ST_SCERT, .action = A_FULL},
    {AT(ST_SH), .from = S, .event = SKE, .guard = G_NOT_RESUMED, .next = ST_SKE, .action = A_FULL},
    {AT(ST_SH), .from = S, .event = SHD, .guard = G_NOT_RESUMED, .next = ST_SHD, .action = A_FULL},
    {AT(ST_SH), .from = S, .event = NST, .guard = G_MAYBE_RESUMED,
     .next = ST_ANST, .action = A_RESUMED},
    {AT(ST_SH), .from = S, .event = CCS, .guard = G_MAYBE_RESUMED,
     .next = ST_ASCCS, .action = A_RESUMED},
    {AT(ST_SCERT), .from = S, .event = CSTATUS, .next = ST_CSTATUS},
    {IN(ST_SCERT, ST_CSTATUS), .from = S, .event = SKE, .next = ST_SKE},
    {IN(ST_SCERT, ST_SKE), .from = S, .event = CR, .next = ST_CR, .action = A_CERT_REQ},
    {IN(ST_SCERT, ST_CR), .from = S, .event = SHD, .next = ST_SHD},

    /* Client flight: [Certificate] ClientKeyExchange [CertificateVerify]
     * ChangeCipherSpec Finished. Certificate only when requested (RFC 5246
     * 7.4.6); an SSL 3.0 client without one sends an alert instead (RFC 6101 5.6.6). */
    {AT(ST_SHD), .from = C, .event = CERT, .guard = G_CERT_REQ,
     .next = ST_CCERT, .action = A_CLIENT_CERT},
    {AT(ST_SHD), .from = C, .event = CURL, .guard = G_CERT_REQ,
     .next = ST_CCERT, .action = A_CLIENT_CERT},
    {AT(ST_SHD), .from = C, .event = CKE, .guard = G_NO_CERT_REQ, .next = ST_CKE},
    {AT(ST_SHD), .from = C, .event = CKE, .guard = G_CERT_REQ | G_SSL3, .next = ST_CKE},
    {AT(ST_CCERT), .from = C, .event = CKE, .next = ST_CKE},
    {AT(ST_CKE), .from = C, .event = CV, .guard = G_CLIENT_CERT, .next = ST_CV},
    {IN(ST_CKE, ST_CV), .from = C, .event = CCS, .next = ST_CCCS},
    /* NPN's NextProtocol sits between the client's CCS and Finished. */
    {AT(ST_CCCS), .from = C, .event = NPN},
    {AT(ST_CCCS), .from = C, .event = FIN, .next = ST_CFIN},
    {AT(ST_CCCS), .from = C, .event = ENC, .next = ST_CFIN},
    {AT(ST_CFIN), .from = C, .event = ENC, .quiet = 1}, /* encrypted NextProtocol + Finished */

    /* Server: [NewSessionTicket] ChangeCipherSpec Finished (RFC 5077 3.3). */
    {AT(ST_CFIN), .from = S, .event = NST, .next = ST_SNST},
    {IN(ST_CFIN, ST_SNST), .from = S, .event = CCS, .next = ST_SCCS},
    {AT(ST_SCCS), .from = S, .event = FIN, .next = ST_DONE},
    {AT(ST_SCCS), .from = S, .event = ENC, .next = ST_DONE},

    /* Abbreviated: server [NewSessionTicket] CCS Finished, then client CCS Finished. */
    {AT(ST_ANST), .from = S, .event = CCS, .next = ST_ASCCS},
    {AT(ST_ASCCS), .from = S, .event = FIN, .next = ST_ASFIN},
    {AT(ST_ASCCS), .from = S, .event = ENC, .next = ST_ASFIN},
    {AT(ST_ASFIN), .from = C, .event = CCS, .next = ST_ACCCS},
    {AT(ST_ACCCS), .from = C, .event = NPN},
    {AT(ST_ACCCS), .from = C, .event = FIN, .next = ST_DONE},
    {AT(ST_ACCCS), .from = C, .event = ENC, .next = ST_DONE},

    /* Established: renegotiation (RFC 5246 7.4.1.1, RFC 5746). Encrypted
     * renegotiation messages cannot be followed further. */
    {AT(ST_DONE), .from = C, .event = CH, .next = ST_CH, .action = A_NEW_HS},
    {AT(ST_DONE), .from = S, .event = HREQ, .next = ST_HELLOREQ},
    {AT(ST_HELLOREQ), .from = C, .event = CH, .next = ST_CH, .action = A_NEW_HS},
    {IN(ST_DONE, ST_HELLOREQ), .from = C, .event = ENC, .next = ST_RENEG_OPAQUE},
    {IN(ST_DONE, ST_HELLOREQ), .from = S, .event = ENC, .next = ST_RENEG_OPAQUE},
    {AT(ST_RENEG_OPAQUE), .from = C, .event = ENC, .quiet = 1},
    {AT(ST_RENEG_OPAQUE), .from = S, .event = ENC, .quiet = 1},
    {AT(ST_RENEG_OPAQUE), .from = C, .event = CCS, .quiet = 1},
    {AT(ST_RENEG_OPAQUE), .from = S, .event = CCS, .quiet = 1},
    {AT(ST_RENEG_OPAQUE), .from = C, .event = CH, .next = ST_CH, .action = A_NEW_HS},
    {AT(ST_RENEG_OPAQUE), .from = S, .event = HREQ, .quiet = 1},
    /* HelloRequest "MAY be sent by the server at any time" and is ignored
     * by a client in the middle of a handshake. */
    {IN(ST_SH, ST_SCCS), .from = S, .event = HREQ, .quiet = 1},
    {IN(ST_ANST, ST_ACCCS), .from = S, .event = HREQ, .quiet = 1},
    {AT(ST_CH), .from = S, .event = HREQ, .guard = G_NOT_TLS13, .quiet = 1},
    {AT(ST_HELLOREQ), .from = S, .event = HREQ, .quiet = 1},

    /* TLS 1.3, RFC 8446 2.1: after a HelloRetryRequest, a second ClientHello
     * and then a ServerHello (a second HRR is an error, 4.1.4). */
    {AT(ST13_HRR), .from = C, .event = CH, .next = ST13_CH2},
    {IN(ST13_HRR, ST13_CH2), .from = C, .event = CCS,
     .guard = G_C_CCS_UNUSED, .action = A_C_CCS, .quiet = 1},
    {AT(ST13_CH2), .from = S, .event = SH, .next = ST13_SH},
    {AT(ST13_HRR), .from = S, .event = CCS, .guard = G_S_CCS_UNUSED, .action = A_S_CCS, .quiet = 1},

    /* Server: EncryptedExtensions [CertificateRequest] Certificate
     * CertificateVerify Finished; with a PSK, EncryptedExtensions Finished. */
    {AT(ST13_SH), .from = S, .event = CCS, .guard = G_S_CCS_UNUSED, .action = A_S_CCS, .quiet = 1},
    {AT(ST13_SH), .from = S, .event = EE, .next = ST13_EE},
    {AT(ST13_EE), .from = S, .event = CR, .guard = G_NOT_PSK,
     .next = ST13_CR, .action = A_CERT_REQ},
    {AT(ST13_EE), .from = S, .event = CERT, .guard = G_NOT_PSK, .next = ST13_SCERT},
    {AT(ST13_EE), .from = S, .event = CCERT, .guard = G_NOT_PSK, .next = ST13_SCERT},
    {AT(ST13_EE), .from = S, .event = FIN, .guard = G_PSK, .next = ST13_SFIN},
    {AT(ST13_CR), .from = S, .event = CERT, .next = ST13_SCERT},
    {AT(ST13_CR), .from = S, .event = CCERT, .next = ST13_SCERT},
    {AT(ST13_SCERT), .from = S, .event = CV, .next = ST13_SCV},
    {AT(ST13_SCV), .from = S, .event = FIN, .next = ST13_SFIN},
    {IN(ST13_SH, ST13_SFIN), .from = C, .event = CCS,
     .guard = G_C_CCS_UNUSED, .action = A_C_CCS, .quiet = 1},

    /* Client: [EndOfEarlyData] [Certificate [CertificateVerify]] Finished.
     * The server may already send tickets and KeyUpdates (RFC 8446 4.6.1, 4.6.3). */
    {AT(ST13_SFIN), .from = C, .event = EOED},
    {AT(ST13_SFIN), .from = C, .event = CERT, .guard = G_CERT_REQ, .next = ST13_CCERT},
    {AT(ST13_SFIN), .from = C, .event = CCERT, .guard = G_CERT_REQ, .next = ST13_CCERT},
    {AT(ST13_SFIN), .from = C, .event = FIN, .guard = G_NO_CERT_REQ, .next = ST13_DONE},
    {AT(ST13_CCERT), .from = C, .event = CV, .next = ST13_CCV},
    {IN(ST13_CCERT, ST13_CCV), .from = C, .event = FIN, .next = ST13_DONE},
    {IN(ST13_SFIN, ST13_CCV), .from = S, .event = NST, .quiet = 1},
    {IN(ST13_SFIN, ST13_CCV), .from = S, .event = KU, .quiet = 1},

    /* Post-handshake (RFC 8446 4.6). */
    {AT(ST13_DONE), .from = S, .event = NST},
    {AT(ST13_DONE), .from = S, .event = KU},
    {AT(ST13_DONE), .from = C, .event = KU},
    {AT(ST13_DONE), .from = S, .event = CR, .action = A_PHA_REQ},
    {AT(ST13_DONE), .from = C, .event = CERT, .guard = G_PHA_IDLE, .action = A_PHA_CERT},
    {AT(ST13_DONE), .from = C, .event = CCERT, .guard = G_PHA_IDLE, .action = A_PHA_CERT},
    {AT(ST13_DONE), .from = C, .event = CV, .guard = G_PHA_CERT, .action = A_PHA_CV},
    {AT(ST13_DONE), .from = C, .event = FIN, .guard = G_PHA_ANY, .action = A_PHA_FIN},

    /* Undecryptable TLS 1.3 messages: from here on, judge nothing that
     * could be legal after a ServerHello. */
    {IN(ST13_SH, ST13_DONE), .from = S, .event = ENC, .next = ST13_OPAQUE, .quiet = 1},
    {IN(ST13_SH, ST13_DONE), .from = C, .event = ENC, .next = ST13_OPAQUE, .quiet = 1},
    {AT(ST13_OPAQUE), .from = S, .event = ENC, .quiet = 1},
    {AT(ST13_OPAQUE), .from = C, .event = ENC, .quiet = 1},
    {AT(ST13_OPAQUE), .from = S, .event = CCS,
     .guard = G_S_CCS_UNUSED, .action = A_S_CCS, .quiet = 1},
    {AT(ST13_OPAQUE), .from = C, .event = CCS,
     .guard = G_C_CCS_UNUSED, .action = A_C_CCS, .quiet = 1},
    {AT(ST13_OPAQUE), .from = S, .event = EE, .quiet = 1},
    {AT(ST13_OPAQUE), .from = S, .event = CR, .quiet = 1},
    {AT(ST13_OPAQUE), .from = S, .event = CERT, .quiet = 1},
    {AT(ST13_OPAQUE), .from = S, .event = CCERT, .quiet = 1},
    {AT(ST13_OPAQUE), .from = S, .event = CV, .quiet = 1},
    {AT(ST13_OPAQUE), .from = S, .event = FIN, .quiet = 1},
    {AT(ST13_OPAQUE), .from = S, .event = NST, .quiet = 1},
    {AT(ST13_OPAQUE), .from = S, .event = KU, .quiet = 1},
    {AT(ST13_OPAQUE), .from = C, .event = EOED, .quiet = 1},
    {AT(ST13_OPAQUE), .from = C, .event = CERT, .quiet = 1},
    {AT(ST13_OPAQUE), .from = C, .event = CCERT, .quiet = 1},
    {AT(ST13_OPAQUE), .from = C, .event = CV, .quiet = 1},
    {AT(ST13_OPAQUE), .from = C, .event = FIN, .quiet = 1},
    {AT(ST13_OPAQUE), .from = C, .event = KU, .quiet = 1},
};
/* clang-format on */

#define NROWS (sizeof(rows) / sizeof(rows[0]))

/* Names for "expected": the message names of the RFCs' figures. */
static const char *event_name(int ev)
{
    switch (ev) {
    case CH:
        return "ClientHello";
    case SH:
        return "ServerHello";
    case HRR:
        return "HelloRetryRequest";
    case CERT:
        return "Certificate";
    case CCERT:
        return "CompressedCertificate";
    case CURL:
        return "CertificateURL";
    case CSTATUS:
        return "CertificateStatus";
    case SKE:
        return "ServerKeyExchange";
    case CR:
        return "CertificateRequest";
    case SHD:
        return "ServerHelloDone";
    case CKE:
        return "ClientKeyExchange";
    case CV:
        return "CertificateVerify";
    case FIN:
        return "Finished";
    case NST:
        return "NewSessionTicket";
    case EE:
        return "EncryptedExtensions";
    case EOED:
        return "EndOfEarlyData";
    case KU:
        return "KeyUpdate";
    case HREQ:
        return "HelloRequest";
    case NPN:
        return "NextProtocol";
    case CCS:
        return "ChangeCipherSpec";
    case ENC:
        return "encrypted handshake message";
    default:
        return NULL;
    }
}

/* Messages either side may send get the sender named. */
static int both_sides_send(int ev)
{
    return ev == CERT || ev == CCERT || ev == CV || ev == FIN || ev == CCS || ev == KU;
}

static int family(int st)
{
    if (st >= ST_SH && st <= ST_RENEG_OPAQUE)
        return 12;
    if (st >= ST13_HRR && st <= ST13_OPAQUE)
        return 13;
    return 0;
}

static int guards_hold(const tlsi_flow *f, unsigned g)
{
    int tls13 = tlsi_version_is_tls13(f->version);

    if ((g & G_NOT_RESUMED) && f->resumed == 1)
        return 0;
    if ((g & G_MAYBE_RESUMED) && f->resumed == 0)
        return 0;
    if ((g & G_TLS13) && !tls13)
        return 0;
    if ((g & G_NOT_TLS13) && tls13)
        return 0;
    if ((g & G_CERT_REQ) && !f->cert_requested)
        return 0;
    if ((g & G_NO_CERT_REQ) && f->cert_requested)
        return 0;
    if ((g & G_CLIENT_CERT) && !f->client_cert)
        return 0;
    if ((g & G_SSL3) && f->version != 0x0300)
        return 0;
    if ((g & G_PSK) && !f->psk)
        return 0;
    if ((g & G_NOT_PSK) && f->psk)
        return 0;
    if ((g & G_C_CCS_UNUSED) && f->client_ccs)
        return 0;
    if ((g & G_S_CCS_UNUSED) && f->server_ccs)
        return 0;
    if ((g & G_PHA_IDLE) && !(f->pha_pending && f->pha_step == 0))
        return 0;
    if ((g & G_PHA_CERT) && f->pha_step != 1)
        return 0;
    if ((g & G_PHA_ANY) && f->pha_step == 0)
        return 0;
    return 1;
}

static int row_matches(const flow_row *r, int st, int from, int ev)
{
    return st >= r->lo && st <= r->hi && r->from == from && r->event == ev;
}

static void apply(tlsi_flow *f, const flow_row *r, tlsi_flow_result *res)
{
    unsigned a = r->action;
    int before = f->state;

    if (a & A_NEW_HS) {
        if (before == ST_DONE || before == ST_HELLOREQ || before == ST_RENEG_OPAQUE)
            res->renegotiation = 1;
        f->resumed = -1;
        f->psk = 0;
        f->cert_requested = 0;
        f->client_cert = 0;
        f->client_ccs = 0;
        f->server_ccs = 0;
    }
    if (a & A_RESUMED) {
        if (f->resumed != 1)
            res->resumed = 1;
        f->resumed = 1;
    }
    if (a & A_FULL)
        f->resumed = 0;
    if (a & A_CERT_REQ)
        f->cert_requested = 1;
    if (a & A_CLIENT_CERT)
        f->client_cert = 1;
    if (a & A_C_CCS)
        f->client_ccs = 1;
    if (a & A_S_CCS)
        f->server_ccs = 1;
    if ((a & A_TLS13) && !tlsi_version_is_tls13(f->version))
        f->version = 0x0304;
    if (a & A_PHA_REQ)
        f->pha_pending++;
    if (a & A_PHA_CERT)
        f->pha_step = 1;
    if (a & A_PHA_CV)
        f->pha_step = 2;
    if (a & A_PHA_FIN) {
        f->pha_step = 0;
        if (f->pha_pending)
            f->pha_pending--;
    }
    if (r->next != ST_SAME)
        f->state = r->next;
    if ((f->state == ST_DONE || f->state == ST13_DONE) && before != f->state) {
        res->handshake_complete = 1;
        f->handshakes++;
    }
}

/* "A or B or C" from the rows legal in the current state. */
static void describe_expected(const tlsi_flow *f, char *out, size_t cap)
{
    size_t len = 0;
    int seen[16][2] = {{0}};
    int nseen = 0;

    out[0] = 0;
    for (size_t i = 0; i < NROWS; i++) {
        const flow_row *r = &rows[i];
        const char *name;
        int dup = 0, n;

        if (f->state < r->lo || f->state > r->hi || r->quiet || r->event == ENC ||
            !guards_hold(f, r->guard))
            continue;
        for (int j = 0; j < nseen; j++)
            dup |= seen[j][0] == r->event && seen[j][1] == r->from;
        name = event_name(r->event);
        if (dup || !name)
            continue;
        if (nseen < 16) {
            seen[nseen][0] = r->event;
            seen[nseen][1] = r->from;
            nseen++;
        }
        n = snprintf(out + len, cap - len, "%s%s%s", len ? " or " : "",
                     both_sides_send(r->event) ? (r->from == S ? "server " : "client ") : "", name);
        if (n < 0 || (size_t)n >= cap - len) {
            out[len] = 0;
            return;
        }
        len += (size_t)n;
    }
    if (!len)
        snprintf(out, cap, "%s",
                 f->state == ST13_DONE || f->state == ST_DONE ? "no handshake message" : "nothing");
}

void tlsi_flow_init(tlsi_flow *f)
{
    memset(f, 0, sizeof(*f));
    f->state = ST_START;
    f->resumed = -1;
}

void tlsi_flow_init_midstream(tlsi_flow *f)
{
    tlsi_flow_init(f);
    f->state = ST_MIDSTREAM;
}

void tlsi_flow_set_version(tlsi_flow *f, uint16_t version)
{
    f->version = version;
}

void tlsi_flow_set_resumed(tlsi_flow *f, int resumed)
{
    f->resumed = resumed ? 1 : 0;
}

void tlsi_flow_set_psk(tlsi_flow *f, int psk)
{
    f->psk = psk ? 1 : 0;
}

tlsi_flow_status tlsi_flow_event(tlsi_flow *f, int from_server, int event, tlsi_flow_result *res)
{
    tlsi_flow_result scratch;
    int from = from_server ? S : C;
    const flow_row *best = NULL;
    int fam;

    if (!res)
        res = &scratch;
    memset(res, 0, sizeof(*res));

    /* Midstream: accept anything until a ClientHello starts a handshake we see whole. */
    if (f->state == ST_MIDSTREAM) {
        if (from == C && event == CH) {
            static const flow_row start = {AT(ST_MIDSTREAM), .from = C, .event = CH, .next = ST_CH,
                                           .action = A_NEW_HS};
            apply(f, &start, res);
        }
        return TLSI_FLOW_OK;
    }

    for (size_t i = 0; i < NROWS; i++) {
        if (row_matches(&rows[i], f->state, from, event) && guards_hold(f, rows[i].guard)) {
            apply(f, &rows[i], res);
            return TLSI_FLOW_OK;
        }
    }

    describe_expected(f, res->expected, sizeof(res->expected));

    /* Resynchronise: a ClientHello starts over; a connection whose start we
     * did not see is followed leniently until one does; otherwise take the
     * nearest state, from here on in the same family, where the event fits,
     * guards aside (a message was probably lost or not captured). */
    if (from == C && event == CH) {
        static const flow_row restart = {AT(ST_START), .from = C, .event = CH, .next = ST_CH,
                                         .action = A_NEW_HS};
        apply(f, &restart, res);
        return TLSI_FLOW_UNEXPECTED;
    }
    if (f->state == ST_START) {
        f->state = ST_MIDSTREAM;
        return TLSI_FLOW_UNEXPECTED;
    }
    fam = family(f->state);
    if (fam == 0) /* after the ClientHello: the version says which family follows */
        fam = tlsi_version_is_tls13(f->version) ? 13 : 12;
    for (size_t i = 0; i < NROWS; i++) {
        const flow_row *r = &rows[i];
        if (r->from != from || r->event != event || r->hi < f->state || family(r->lo) != fam)
            continue;
        if (!best || r->lo < best->lo)
            best = r;
    }
    if (best)
        apply(f, best, res);
    return TLSI_FLOW_UNEXPECTED;
}

const char *tlsi_flow_state_name(const tlsi_flow *f)
{
    if (f->state > ST_SAME && f->state < ST_COUNT && state_names[f->state])
        return state_names[f->state];
    return "?";
}

int tlsi_flow_established(const tlsi_flow *f)
{
    return f->state == ST_DONE || f->state == ST13_DONE ||
           (f->state == ST13_OPAQUE && f->handshakes > 0);
}
