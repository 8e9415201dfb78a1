/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fingerprint.c - JA3, JA3S and JA4 (see fingerprint.h). The hello is parsed
 * with the core parsers; strings are written through a "sink" that feeds the
 * digest and an optional, possibly too small, output buffer at once, so the
 * digest is always of the full string.
 */
#include "fingerprint.h"

#include <gcrypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cipher_suites.h"
#include "crypto_init.h"
#include "extensions.h"
#include "handshake.h"

/* RFC 8701 reserves the same GREASE values in every u16 registry JA3/JA4 read
 * (suites, extensions, groups, versions, signature schemes). */
static int is_grease(uint16_t v)
{
    return tlsi_is_grease(v);
}

/* ---- output sinks ---- */

typedef struct {
    char *buf;       /* may be NULL */
    size_t cap;      /* bytes at buf, terminator included */
    size_t len;      /* full length written so far */
    gcry_md_hd_t md; /* may be NULL */
} sink;

static void sink_init(sink *s, char *buf, size_t cap, gcry_md_hd_t md)
{
    s->buf = buf;
    s->cap = buf ? cap : 0;
    s->len = 0;
    s->md = md;
    if (s->cap)
        s->buf[0] = 0;
}

static void sink_put(sink *s, const char *p, size_t n)
{
    if (s->md)
        gcry_md_write(s->md, p, n);
    if (s->cap && s->len < s->cap - 1) {
        size_t room = s->cap - 1 - s->len;
        size_t k = n < room ? n : room;
        memcpy(s->buf + s->len, p, k);
        s->buf[s->len + k] = 0;
    }
    s->len += n;
}

static void sink_str(sink *s, const char *p)
{
    sink_put(s, p, strlen(p));
}

static void hex_out(const unsigned char *d, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    out[2 * n] = 0;
}

/* ---- JA3 / JA3S ---- */

/* "a-b-c" of the non-GREASE u16 items of a list. */
static void ja3_u16_list(sink *s, const uint8_t *base, const tlsi_list *list)
{
    tlsi_list_iter it;
    uint16_t v;
    int first = 1;
    char num[8];

    tlsi_list_iter_init(&it, base, list);
    while (tlsi_list_u16_next(&it, &v)) {
        if (is_grease(v))
            continue;
        snprintf(num, sizeof(num), "%s%u", first ? "" : "-", v);
        sink_str(s, num);
        first = 0;
    }
}

static void ja3_ext_types(sink *s, const uint8_t *base, tlsi_span block, tlsi_ext_ctx ctx)
{
    tlsi_ext_iter it;
    tlsi_ext e;
    int first = 1;
    char num[8];

    tlsi_ext_iter_init(&it, base, block, ctx);
    while (tlsi_ext_next(&it, &e)) {
        if (is_grease(e.type))
            continue;
        snprintf(num, sizeof(num), "%s%u", first ? "" : "-", e.type);
        sink_str(s, num);
        first = 0;
    }
}

/* The decoded value of the first extension of a type, if it parses. */
static int find_ext_value(const uint8_t *base, tlsi_span block, uint16_t type, tlsi_ext_ctx ctx,
                          tlsi_ext_value *v)
{
    tlsi_ext e;
    uint32_t off;
    tlsi_err err;

    if (!tlsi_ext_find(base, block, type, &e))
        return 0;
    err = tlsi_ext_parse(base, &e, ctx, v, &off);
    return err == TLSI_OK || err == TLSI_ERR_DUPLICATE;
}

static tlsi_err md5_begin(gcry_md_hd_t *md)
{
    if (tlsi_crypto_init() != TLSI_OK || gcry_md_open(md, GCRY_MD_MD5, 0))
        return TLSI_ERR_CRYPTO;
    return TLSI_OK;
}

static void md_end(gcry_md_hd_t md, int algo, char *hex, size_t hex_bytes)
{
    hex_out(gcry_md_read(md, algo), hex_bytes, hex);
    gcry_md_close(md);
}

/* A parse that only found a repeated extension still describes the hello. */
static int usable(tlsi_err e)
{
    return e == TLSI_OK || e == TLSI_ERR_DUPLICATE;
}

tlsi_err tlsi_ja3(const uint8_t *client_hello, size_t len, char *str, size_t cap, size_t *str_len,
                  char md5_hex[33])
{
    tlsi_client_hello ch;
    tlsi_ext_value v;
    uint32_t off;
    tlsi_err e = tlsi_client_hello_parse(client_hello, len, &ch, &off);
    gcry_md_hd_t md;
    sink s;
    char num[8];

    if (!usable(e))
        return e;
    if ((e = md5_begin(&md)) != TLSI_OK)
        return e;
    sink_init(&s, str, cap, md);
    snprintf(num, sizeof(num), "%u,", ch.legacy_version);
    sink_str(&s, num);
    ja3_u16_list(&s, client_hello, &ch.cipher_suites);
    sink_str(&s, ",");
    if (ch.has_extensions)
        ja3_ext_types(&s, client_hello, ch.extensions, TLSI_EXT_CTX_CLIENT_HELLO);
    sink_str(&s, ",");
    if (ch.has_extensions && find_ext_value(client_hello, ch.extensions, TLSI_EXT_SUPPORTED_GROUPS,
                                            TLSI_EXT_CTX_CLIENT_HELLO, &v))
        ja3_u16_list(&s, client_hello, &v.u.u16_list);
    sink_str(&s, ",");
    if (ch.has_extensions && find_ext_value(client_hello, ch.extensions, TLSI_EXT_EC_POINT_FORMATS,
                                            TLSI_EXT_CTX_CLIENT_HELLO, &v)) {
        tlsi_list_iter it;
        uint8_t b;
        int first = 1;
        tlsi_list_iter_init(&it, client_hello, &v.u.u8_list);
        while (tlsi_list_u8_next(&it, &b)) {
            snprintf(num, sizeof(num), "%s%u", first ? "" : "-", b);
            sink_str(&s, num);
            first = 0;
        }
    }
    if (str_len)
        *str_len = s.len;
    md_end(md, GCRY_MD_MD5, md5_hex, 16);
    return TLSI_OK;
}

tlsi_err tlsi_ja3s(const uint8_t *server_hello, size_t len, char *str, size_t cap, size_t *str_len,
                   char md5_hex[33])
{
    tlsi_server_hello sh;
    uint32_t off;
    tlsi_err e = tlsi_server_hello_parse(server_hello, len, &sh, &off);
    gcry_md_hd_t md;
    sink s;
    char num[16];

    if (!usable(e))
        return e;
    if ((e = md5_begin(&md)) != TLSI_OK)
        return e;
    sink_init(&s, str, cap, md);
    snprintf(num, sizeof(num), "%u,%u,", sh.legacy_version, sh.cipher_suite);
    sink_str(&s, num);
    if (sh.has_extensions)
        ja3_ext_types(&s, server_hello, sh.extensions,
                      sh.is_hrr ? TLSI_EXT_CTX_HELLO_RETRY_REQUEST : TLSI_EXT_CTX_SERVER_HELLO);
    if (str_len)
        *str_len = s.len;
    md_end(md, GCRY_MD_MD5, md5_hex, 16);
    return TLSI_OK;
}

/* ---- JA4 ---- */

static int cmp_u16(const void *a, const void *b)
{
    uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
    return (x > y) - (x < y);
}

/* JA4.md "TLS and DTLS Version". */
static const char *ja4_version(uint16_t v)
{
    switch (v) {
    case 0x0304:
        return "13";
    case 0x0303:
        return "12";
    case 0x0302:
        return "11";
    case 0x0301:
        return "10";
    case 0x0300:
        return "s3";
    case 0x0002:
        return "s2";
    case 0xfeff:
        return "d1";
    case 0xfefd:
        return "d2";
    case 0xfefc:
        return "d3";
    default:
        return "00";
    }
}

static int is_alnum(uint8_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* JA4.md "ALPN Extension Value": first and last character of the first ALPN
 * value; if either byte is not alphanumeric, the first and last characters
 * of the value's hex form instead; "00" with no value. */
static void ja4_alpn(const uint8_t *p, size_t n, char out[3])
{
    static const char digits[] = "0123456789abcdef";

    if (n == 0) {
        out[0] = out[1] = '0';
    } else if (is_alnum(p[0]) && is_alnum(p[n - 1])) {
        out[0] = (char)p[0];
        out[1] = (char)p[n - 1];
    } else {
        out[0] = digits[p[0] >> 4];
        out[1] = digits[p[n - 1] & 15];
    }
    out[2] = 0;
}

/* Both sinks at once: the part's digest, and the raw string. */
static void put2(sink *part, sink *raw, const char *p)
{
    sink_str(part, p);
    sink_str(raw, p);
}

/* Hash a comma-separated list of 4-hex values into part (and raw). */
static void put_hex_list(sink *part, sink *raw, const uint16_t *v, size_t n)
{
    char item[8];
    for (size_t i = 0; i < n; i++) {
        snprintf(item, sizeof(item), "%s%04x", i ? "," : "", v[i]);
        put2(part, raw, item);
    }
}

static tlsi_err sha256_begin(gcry_md_hd_t *md)
{
    return gcry_md_open(md, GCRY_MD_SHA256, 0) ? TLSI_ERR_CRYPTO : TLSI_OK;
}

/* The first 12 hex digits of the part's SHA-256, or twelve zeros for an empty part. */
static void hash12(gcry_md_hd_t md, int empty, char out[13])
{
    char full[65];
    md_end(md, GCRY_MD_SHA256, full, 32);
    if (empty)
        memset(full, '0', 12);
    memcpy(out, full, 12);
    out[12] = 0;
}

/* What JA4 reads from a ClientHello, GREASE left out. */
typedef struct {
    uint16_t ciphers[TLSI_JA4_MAX_ITEMS];
    size_t n_ciphers;
    uint16_t exts[TLSI_JA4_MAX_ITEMS]; /* the extensions that are hashed */
    size_t n_exts;
    size_t n_all_exts; /* every extension, for the count in part a */
    uint16_t version;  /* legacy_version, or the highest supported_versions entry */
    int has_sni, has_quic, have_sigs;
    tlsi_list sigs; /* signature_algorithms, when have_sigs */
    tlsi_span alpn; /* the first ALPN value */
} ja4_input;

static tlsi_err ja4_read_ciphers(const uint8_t *hello, const tlsi_client_hello *ch, ja4_input *in)
{
    tlsi_list_iter li;
    uint16_t x;

    tlsi_list_iter_init(&li, hello, &ch->cipher_suites);
    while (tlsi_list_u16_next(&li, &x)) {
        if (is_grease(x))
            continue;
        if (in->n_ciphers == TLSI_JA4_MAX_ITEMS)
            return TLSI_ERR_NOMEM;
        in->ciphers[in->n_ciphers++] = x;
    }
    return TLSI_OK;
}

/* The highest non-GREASE version offered, 0 for none. */
static uint16_t highest_version(const uint8_t *hello, const tlsi_list *versions)
{
    tlsi_list_iter vi;
    uint16_t x, best = 0;

    tlsi_list_iter_init(&vi, hello, versions);
    while (tlsi_list_u16_next(&vi, &x))
        if (!is_grease(x) && x > best)
            best = x;
    return best;
}

/* What part a and the signature list take from one extension. */
static void ja4_note_ext(const uint8_t *hello, const tlsi_ext *e, ja4_input *in)
{
    tlsi_ext_value v;
    uint32_t off;
    uint16_t best;

    if (tlsi_ext_parse(hello, e, TLSI_EXT_CTX_CLIENT_HELLO, &v, &off) != TLSI_OK)
        v.parsed = 0;
    switch (e->type) {
    case TLSI_EXT_SERVER_NAME:
        in->has_sni = 1;
        break;
    case TLSI_EXT_ALPN:
        if (v.parsed && in->alpn.len == 0)
            in->alpn = v.u.alpn.first;
        break;
    case TLSI_EXT_SIGNATURE_ALGORITHMS:
        if (v.parsed && !in->have_sigs) {
            in->sigs = v.u.u16_list;
            in->have_sigs = 1;
        }
        break;
    case TLSI_EXT_SUPPORTED_VERSIONS:
        /* the highest non-GREASE version offered replaces legacy_version */
        if (v.parsed && (best = highest_version(hello, &v.u.supported_versions.versions)))
            in->version = best;
        break;
    case 57: /* quic_transport_parameters */
        in->has_quic = 1;
        break;
    default:
        break;
    }
}

static tlsi_err ja4_read_exts(const uint8_t *hello, const tlsi_client_hello *ch, int original,
                              ja4_input *in)
{
    tlsi_ext_iter it;
    tlsi_ext e;

    if (!ch->has_extensions)
        return TLSI_OK;
    tlsi_ext_iter_init(&it, hello, ch->extensions, TLSI_EXT_CTX_CLIENT_HELLO);
    while (tlsi_ext_next(&it, &e)) {
        if (is_grease(e.type))
            continue;
        in->n_all_exts++;
        /* JA4 leaves SNI and ALPN out of the sorted extension hash (they are
         * in the first part); JA4_o keeps every extension in wire order. */
        if (original || (e.type != TLSI_EXT_SERVER_NAME && e.type != TLSI_EXT_ALPN)) {
            if (in->n_exts == TLSI_JA4_MAX_ITEMS)
                return TLSI_ERR_NOMEM;
            in->exts[in->n_exts++] = e.type;
        }
        ja4_note_ext(hello, &e, in);
    }
    return TLSI_OK;
}

/* Part a: protocol, version, SNI, counts, ALPN. */
static void ja4_head(const uint8_t *hello, const ja4_input *in, char proto, char head[11])
{
    char alpn_chars[3];

    if (!proto)
        proto = in->has_quic ? 'q' : 't';
    ja4_alpn(hello + in->alpn.off, in->alpn.len, alpn_chars);
    snprintf(head, 11, "%c%s%c%02u%02u%s", proto, ja4_version(in->version), in->has_sni ? 'd' : 'i',
             (unsigned)(in->n_ciphers > 99 ? 99 : in->n_ciphers),
             (unsigned)(in->n_all_exts > 99 ? 99 : in->n_all_exts), alpn_chars);
}

/* The signature algorithms after part c's extension list: "_" then the
 * values in their original order. */
static void put_sig_algs(sink *part_c, sink *raw, const uint8_t *hello, const tlsi_list *sigs)
{
    tlsi_list_iter li;
    uint16_t x;
    int first = 1;
    char item[8];

    tlsi_list_iter_init(&li, hello, sigs);
    while (tlsi_list_u16_next(&li, &x)) {
        if (is_grease(x))
            continue;
        snprintf(item, sizeof(item), "%s%04x", first ? "_" : ",", x);
        put2(part_c, raw, item);
        first = 0;
    }
}

/* Parts b and c, hashed (and written out whole into raw). */
static tlsi_err ja4_hash_parts(const uint8_t *hello, const ja4_input *in, const char *head,
                               char hash_b[13], char hash_c[13], char *raw, size_t raw_cap,
                               size_t *raw_len)
{
    gcry_md_hd_t md_b, md_c;
    sink raw_s, part_b, part_c;

    if (sha256_begin(&md_b) != TLSI_OK)
        return TLSI_ERR_CRYPTO;
    if (sha256_begin(&md_c) != TLSI_OK) {
        gcry_md_close(md_b);
        return TLSI_ERR_CRYPTO;
    }
    sink_init(&raw_s, raw, raw_cap, NULL);
    sink_init(&part_b, NULL, 0, md_b);
    sink_init(&part_c, NULL, 0, md_c);

    /* Part b: the cipher list. */
    sink_str(&raw_s, head);
    sink_str(&raw_s, "_");
    put_hex_list(&part_b, &raw_s, in->ciphers, in->n_ciphers);
    sink_str(&raw_s, "_");

    /* Part c: the extension list, then the signature algorithms when there are any. */
    put_hex_list(&part_c, &raw_s, in->exts, in->n_exts);
    if (in->have_sigs)
        put_sig_algs(&part_c, &raw_s, hello, &in->sigs);
    if (raw_len)
        *raw_len = raw_s.len;

    hash12(md_b, in->n_ciphers == 0, hash_b);
    hash12(md_c, in->n_exts == 0, hash_c);
    return TLSI_OK;
}

tlsi_err tlsi_ja4(const uint8_t *client_hello, size_t len, char proto, int original,
                  char ja4[TLSI_JA4_LEN + 1], char *raw, size_t raw_cap, size_t *raw_len)
{
    tlsi_client_hello ch;
    ja4_input in;
    uint32_t off;
    char head[11], hash_b[13], hash_c[13];
    tlsi_err err = tlsi_client_hello_parse(client_hello, len, &ch, &off);

    if (!usable(err))
        return err;
    if (tlsi_crypto_init() != TLSI_OK)
        return TLSI_ERR_CRYPTO;
    memset(&in, 0, sizeof in);
    in.version = ch.legacy_version;
    if ((err = ja4_read_ciphers(client_hello, &ch, &in)) != TLSI_OK ||
        (err = ja4_read_exts(client_hello, &ch, original, &in)) != TLSI_OK)
        return err;

    ja4_head(client_hello, &in, proto, head);
    if (!original) {
        qsort(in.ciphers, in.n_ciphers, sizeof(in.ciphers[0]), cmp_u16);
        qsort(in.exts, in.n_exts, sizeof(in.exts[0]), cmp_u16);
    }
    if ((err = ja4_hash_parts(client_hello, &in, head, hash_b, hash_c, raw, raw_cap, raw_len)) !=
        TLSI_OK)
        return err;
    snprintf(ja4, TLSI_JA4_LEN + 1, "%s_%s_%s", head, hash_b, hash_c);
    return TLSI_OK;
}
