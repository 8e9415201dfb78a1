/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hs_flow.h - which handshake message may come next, per connection.
 *
 * The machine follows one connection (both directions) through its
 * handshakes: the caller feeds every handshake message and every
 * ChangeCipherSpec, in capture order, as an event (sender, type), and learns
 * whether the event was legal there and, if not, what was expected. The legal
 * orders are one table of (state, sender, event) -> next state rows with
 * guards on what the handshake negotiated; they cover
 *   - SSL 3.0 - TLS 1.2 full handshakes (RFC 5246 7.3, Figure 1), with the
 *     optional Certificate, CertificateStatus (RFC 6066 8), ServerKeyExchange,
 *     CertificateRequest, client Certificate/CertificateVerify and the
 *     NewSessionTicket of RFC 5077 3.3;
 *   - abbreviated handshakes (RFC 5246 Figure 2, RFC 5077 3.1);
 *   - renegotiation: a new ClientHello after both Finished, or a HelloRequest
 *     (which "MAY be sent by the server at any time", RFC 5246 7.4.1.1);
 *   - TLS 1.3 (RFC 8446 2): HelloRetryRequest, PSK handshakes without
 *     Certificate/CertificateVerify, client authentication, middlebox
 *     compatibility ChangeCipherSpecs (Appendix D.4), EndOfEarlyData, and the
 *     post-handshake NewSessionTicket, KeyUpdate and CertificateRequest with
 *     its Certificate/CertificateVerify/Finished answer (4.6.2).
 * Messages the caller could not decrypt are fed as TLSI_FLOW_ENCRYPTED; the
 * machine accepts them without judgement wherever encrypted handshake
 * messages are legal (a TLS 1.2 Finished, anything after the TLS 1.3
 * ServerHello, a renegotiation). After an unexpected event the machine
 * resynchronises on the first later state where the event fits.
 */
#ifndef TLSI_HS_FLOW_H
#define TLSI_HS_FLOW_H

#include <stdint.h>

/* Events besides the handshake types (0..255, handshake.h TLSI_HS_*). A
 * HelloRetryRequest is fed as TLSI_HS_HELLO_RETRY_REQUEST (6), not as the
 * ServerHello it is on the wire. */
enum {
    TLSI_FLOW_CCS = 256,       /* a ChangeCipherSpec record */
    TLSI_FLOW_ENCRYPTED = 257, /* a handshake message that could not be decrypted */
};

typedef enum {
    TLSI_FLOW_OK = 0,
    TLSI_FLOW_UNEXPECTED = 1,
} tlsi_flow_status;

typedef struct {
    int state;        /* internal (see tlsi_flow_state_name) */
    uint16_t version; /* tlsi_flow_set_version */
    int8_t resumed;   /* -1 unknown, 0 full handshake, 1 abbreviated */
    uint8_t psk;      /* TLS 1.3 PSK handshake (no server certificate) */
    uint8_t cert_requested;
    uint8_t client_cert; /* the client sent a Certificate in this handshake */
    uint8_t client_ccs;  /* TLS 1.3 compatibility CCS seen, per sender */
    uint8_t server_ccs;
    uint8_t pha_step;     /* TLS 1.3 post-handshake auth answer: 0 none, 1 cert, 2 verify */
    uint16_t pha_pending; /* post-handshake CertificateRequests not yet answered */
    uint32_t handshakes;  /* handshakes completed on this connection */
} tlsi_flow;

typedef struct {
    /* What would have been legal here, e.g. "ServerHello" or "Certificate or
     * ServerKeyExchange or ServerHelloDone"; empty when the event was legal. */
    char expected[200];
    int handshake_complete; /* this event completed a handshake */
    int renegotiation;      /* this event started a new handshake on the connection */
    int resumed;            /* this event showed the handshake is abbreviated */
} tlsi_flow_result;

/* A connection seen from its first message. */
void tlsi_flow_init(tlsi_flow *f);
/* A connection picked up in the middle: everything is accepted until the
 * next ClientHello, from which the machine is strict. */
void tlsi_flow_init_midstream(tlsi_flow *f);

/* Hints, given before the event of the message that carries them:
 * the negotiated version (tlsi_negotiated_version) before the ServerHello
 * event; resumed when the ServerHello echoes a session id the client offered
 * from a cached session (the machine also infers it when the server's next
 * message is NewSessionTicket or ChangeCipherSpec); psk for TLS 1.3 when the
 * ServerHello carries pre_shared_key. A new handshake clears resumed and psk. */
void tlsi_flow_set_version(tlsi_flow *f, uint16_t version);
void tlsi_flow_set_resumed(tlsi_flow *f, int resumed);
void tlsi_flow_set_psk(tlsi_flow *f, int psk);

/* Feed one event: from_server 1 for the server's messages; event a handshake
 * type, TLSI_FLOW_CCS or TLSI_FLOW_ENCRYPTED. res may be NULL. */
tlsi_flow_status tlsi_flow_event(tlsi_flow *f, int from_server, int event, tlsi_flow_result *res);

/* A short name of the current state, for debugging and tests. */
const char *tlsi_flow_state_name(const tlsi_flow *f);

/* 1 once the connection's (latest) handshake has completed. */
int tlsi_flow_established(const tlsi_flow *f);

#endif
