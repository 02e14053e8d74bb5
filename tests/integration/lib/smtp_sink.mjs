// A small SMTP server for tests (RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no STARTTLS, so
// the client's opportunistic STARTTLS falls back to plain). Keeps every message it accepts, decoded: headers
// (RFC 2047 encoded words in Subject), and the text body (base64 or as sent). `mode` makes it refuse: 'temporary'
// answers RCPT with 451, 'permanent' with 550; 'accept' (default) takes everything.
import net from 'node:net';

function decodeWords(value) {
  return value.replace(/\r\n[ \t]+/g, ' ').replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8')).trim();
}

export function parseMessage(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const b64 = /base64/i.test(headers['content-transfer-encoding'] || '');
  return {
    headers,
    subject: decodeWords(headers.subject || ''),
    text: b64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body,
    raw,
  };
}

export class SmtpSink {
  static async start() {
    const sink = new SmtpSink();
    sink.messages = [];
    sink.mode = 'accept';
    sink.sockets = new Set();
    sink.server = net.createServer((socket) => sink.session(socket));
    await new Promise((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    sink.port = sink.server.address().port;
    return sink;
  }

  session(socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => {});
    socket.setEncoding('utf8');
    const say = (line) => socket.write(line + '\r\n');
    let buf = '', inData = false, data = '', envelope = { from: '', to: [] };
    say('220 sink.test ESMTP ready');
    socket.on('data', (chunk) => {
      buf += chunk;
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) break;
          data += buf.slice(0, end + 2);
          buf = buf.slice(end + 5);
          inData = false;
          const raw = data.replace(/\r\n\.\./g, '\r\n.');  // dot-unstuffing
          this.messages.push({ from: envelope.from, to: envelope.to, ...parseMessage(raw) });
          envelope = { from: '', to: [] };
          data = '';
          say('250 2.0.0 queued');
          continue;
        }
        const eol = buf.indexOf('\r\n');
        if (eol < 0) break;
        const line = buf.slice(0, eol);
        buf = buf.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') { socket.write('250-sink.test\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n'); }
        else if (verb === 'HELO') say('250 sink.test');
        else if (verb === 'MAIL') { envelope.from = (line.match(/<([^>]*)>/) || [])[1] || ''; say('250 2.1.0 ok'); }
        else if (verb === 'RCPT') {
          if (this.mode === 'temporary') say('451 4.3.0 try again later');
          else if (this.mode === 'permanent') say('550 5.1.1 no such user');
          else { envelope.to.push((line.match(/<([^>]*)>/) || [])[1] || ''); say('250 2.1.5 ok'); }
        }
        else if (verb === 'DATA') { inData = true; data = ''; say('354 end with <CRLF>.<CRLF>'); }
        else if (verb === 'RSET') { envelope = { from: '', to: [] }; say('250 ok'); }
        else if (verb === 'NOOP') say('250 ok');
        else if (verb === 'QUIT') { say('221 bye'); socket.end(); }
        else say('502 5.5.2 not implemented');
      }
    });
  }

  // Messages to `to` whose subject matches `re` (all when omitted).
  find(to, re) { return this.messages.filter((m) => m.to.includes(to) && (!re || re.test(m.subject))); }

  // Waits until `predicate()` is true (polls), or throws after timeoutMs with what arrived.
  async waitFor(predicate, timeoutMs = 40_000, what = 'message') {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const r = predicate();
      if (r) return r;
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new Error(`SMTP sink: no ${what} within ${timeoutMs} ms; received: ${JSON.stringify(this.messages.map((m) => [m.to, m.subject]))}`);
  }

  async stop() {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
