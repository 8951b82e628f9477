// Lesson 18, http_filter: a socket filter that keeps the TCP packets whose
// payload starts like an HTTP message ("GET ", "POST", ..., or "HTTP" for
// a response) and drops every other packet before user space sees it.
//
// A SOCKET_FILTER program runs for each packet that reaches the raw socket
// it is attached to. Its return value is how many bytes of the packet to
// hand to the socket: 0 drops the packet, -1 (all ones) keeps all of it.
#include <bcc/proto.h>

#define IP_TCP 6
#define ETH_HLEN 14

int http_filter(struct __sk_buff *skb) {
    // bcc's cursor: a pointer into the packet that cursor_advance() moves
    // header by header. Reads through it become packet loads (load_byte,
    // load_half, load_word) that the verifier checks.
    u8 *cursor = 0;

    struct ethernet_t *ethernet = cursor_advance(cursor, sizeof(*ethernet));
    // IPv4 only (EtherType 0x0800)
    if (ethernet->type != 0x0800)
        goto DROP;

    struct ip_t *ip = cursor_advance(cursor, sizeof(*ip));
    // TCP only (IP protocol 6)
    if (ip->nextp != IP_TCP)
        goto DROP;

    // The IP header length is counted in 32-bit words, 5 (20 bytes) or more
    // when the header carries options.
    u32 ip_header_length = ip->hlen << 2;
    if (ip_header_length < sizeof(*ip))
        goto DROP;

    // Skip the IP options, if any, to reach the TCP header.
    void *_ = cursor_advance(cursor, (ip_header_length - sizeof(*ip)));

    struct tcp_t *tcp = cursor_advance(cursor, sizeof(*tcp));
    // The TCP data offset is counted in 32-bit words too.
    u32 tcp_header_length = tcp->offset << 2;

    u32 payload_offset = ETH_HLEN + ip_header_length + tcp_header_length;
    u32 payload_length = ip->tlen - ip_header_length - tcp_header_length;

    // The shortest HTTP request line, "GET / HTTP/1.1", is longer than 7
    // bytes; this also drops packets without payload (SYN, bare ACKs, FIN).
    if (payload_length < 7)
        goto DROP;

    // The payload is read a byte at a time with load_byte(): a socket
    // filter cannot dereference the packet directly.
    unsigned long p[7];
    int i = 0;
    for (i = 0; i < 7; i++) {
        p[i] = load_byte(skb, payload_offset + i);
    }

    // a response: "HTTP/1.1 200 OK"
    if ((p[0] == 'H') && (p[1] == 'T') && (p[2] == 'T') && (p[3] == 'P'))
        goto KEEP;
    // a request: "GET /index.html HTTP/1.1" and the other methods
    if ((p[0] == 'G') && (p[1] == 'E') && (p[2] == 'T'))
        goto KEEP;
    if ((p[0] == 'P') && (p[1] == 'O') && (p[2] == 'S') && (p[3] == 'T'))
        goto KEEP;
    if ((p[0] == 'P') && (p[1] == 'U') && (p[2] == 'T'))
        goto KEEP;
    if ((p[0] == 'D') && (p[1] == 'E') && (p[2] == 'L') && (p[3] == 'E') && (p[4] == 'T') && (p[5] == 'E'))
        goto KEEP;
    if ((p[0] == 'H') && (p[1] == 'E') && (p[2] == 'A') && (p[3] == 'D'))
        goto KEEP;

    // not HTTP
    goto DROP;

KEEP:
    // keep the whole packet: user space reads it from the socket
    return -1;

DROP:
    return 0;
}
