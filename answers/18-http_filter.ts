// Lesson 18, http_filter (networking): a socket filter keeps only the
// packets that carry HTTP, and this program prints their first line:
// the request line ("GET /index.html HTTP/1.1") or the status line of a
// response ("HTTP/1.1 200 OK").
//
// Run it: npx tsx answers/18-http_filter.ts [-i IFACE]   (default: lo)
// then make an HTTP request that crosses that interface, for example
// curl http://127.0.0.1:8080/ against
// /var/cache/bcc-tutor/bin/usdt-http-server 8080 (lesson 15's server).
// Ctrl-C to end.
import { BPF, escapeTerminal } from "bcc-tutor";
import { cFile } from "../lessons/18-http_filter.ts";

const usage = "USAGE: npx tsx answers/18-http_filter.ts [-i IFACE]";
const args = process.argv.slice(2);
let iface = "lo";
if (args.length === 2 && args[0] === "-i") {
  iface = args[1]!;
} else if (args.length !== 0) {
  console.error(usage);
  process.exit(1);
}
// An interface name is at most 15 characters, with no spaces or slashes.
if (!/^[A-Za-z0-9_.:-]{1,15}$/.test(iface)) {
  console.error(`not an interface name: ${JSON.stringify(iface)}\n${usage}`);
  process.exit(1);
}

console.log(`binding socket to '${iface}'`);

// The C program is in its own file, lessons/18-http_filter.c; the lesson
// module gives its path.
const b = await BPF.create({ srcFile: cFile });

// A socket filter is not attached to a probe: load it as SOCKET_FILTER,
// then attach it to a raw socket that receives every packet on iface.
const httpFilter = b.loadFunc("http_filter", BPF.SOCKET_FILTER);
const socket = BPF.attachRawSocket(httpFilter, iface);

const ETH_HLEN = 14;

// On lo, the kernel shows a raw socket each packet twice: once as it
// leaves and once as it arrives. The copies are identical, so remember the
// last few packets' TCP identity and print each one once.
const recent: string[] = [];
function seenBefore(id: string): boolean {
  if (recent.includes(id)) return true;
  recent.push(id);
  if (recent.length > 64) recent.shift();
  return false;
}

// Only packets the filter kept arrive here, headers included.
for await (const packet of socket.packets()) {
  if (packet.length < ETH_HLEN + 20) continue;
  // IPv4: header length in 32-bit words (low nibble of the first byte),
  // total length (header + TCP) in bytes 2-3, addresses in bytes 12-19.
  const ip = ETH_HLEN;
  const ipHeaderLength = (packet[ip]! & 0x0f) << 2;
  const totalLength = packet.readUInt16BE(ip + 2);
  // TCP: ports in bytes 0-3, sequence number in 4-7, data offset in 32-bit
  // words in the high nibble of byte 12.
  const tcp = ip + ipHeaderLength;
  if (packet.length < tcp + 20) continue;
  const tcpHeaderLength = (packet[tcp + 12]! >> 4) << 2;
  const payloadStart = tcp + tcpHeaderLength;
  // Stop at the IP packet's end: an Ethernet frame can carry padding.
  const payloadEnd = Math.min(packet.length, ip + totalLength);

  const id = `${packet.toString("hex", ip + 12, ip + 20)} ${packet.toString("hex", tcp, tcp + 8)} ${payloadEnd - payloadStart}`;
  if (seenBefore(id)) continue;

  // The first line of the message, up to its CR LF (or the packet's end).
  const payload = packet.subarray(payloadStart, payloadEnd);
  const eol = payload.indexOf("\r\n");
  const line = payload.subarray(0, eol < 0 ? payload.length : eol).toString("latin1");
  // Bytes from the network are data: never let them drive the terminal.
  console.log(escapeTerminal(line));
}
