// A minimal SMTP server for browser tests that keeps every message it is
// given, as domain/mail/mailtest does for the Go tests: mailpit and
// maildev are not installed here, and the server under test speaks real
// SMTP to it through go-mail.
import { createServer } from 'node:net';

/** Starts a server on a free local port; `close` stops it. */
export async function startSmtp() {
  const messages = [];
  const waiting = [];
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    let data = [];
    const say = (line) => socket.write(`${line}\r\n`);
    say('220 test ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      let end;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(data.join('\r\n'));
            data = [];
            say('250 kept');
            for (const resolve of waiting.splice(0)) resolve();
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.split(' ')[0].toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') {
          say('250-test');
          say('250 8BITMIME');
        } else if (verb === 'DATA') {
          inData = true;
          say('354 go ahead');
        } else if (verb === 'QUIT') {
          say('221 bye');
          socket.end();
        } else {
          say('250 ok');
        }
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Waits until at least `count` messages have arrived. */
    async waitFor(count, timeout = 30_000) {
      const deadline = Date.now() + timeout;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`${messages.length} messages, want ${count}`);
        await new Promise((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 500);
        });
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The attached files of a raw MIME message: name, type and bytes. */
export function attachments(raw) {
  const out = [];
  const walk = (part) => {
    const split = part.indexOf('\r\n\r\n');
    const head = part.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
    const body = part.slice(split + 4);
    const type = /^content-type:\s*([^\r\n]+)/im.exec(head)?.[1] ?? '';
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(type)?.[1];
    if (/^multipart\//i.test(type) && boundary) {
      for (const p of body.split(`--${boundary}`).slice(1)) {
        if (!p.startsWith('--')) walk(p.replace(/^\r\n/, ''));
      }

      return;
    }
    const disposition = /^content-disposition:\s*([^\r\n]+)/im.exec(head)?.[1] ?? '';
    const name = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    if (!name) return;
    const base64 = /^content-transfer-encoding:\s*base64/im.test(head);
    const bytes = base64 ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body);
    out.push({ name, type: type.split(';')[0], bytes });
  };
  walk(raw);

  return out;
}

/**
 * The text an uncompressed PDF shows: every string its Tj operators draw,
 * joined by spaces, so a sentence wrapped over lines reads whole again.
 */
export function pdfText(bytes) {
  const s = bytes.toString('latin1');
  const parts = [];
  const re = /\(((?:\\.|[^\\)])*)\)\s*Tj/g;
  let m;
  while ((m = re.exec(s))) parts.push(m[1].replace(/\\(.)/g, '$1'));

  return parts.join(' ');
}
