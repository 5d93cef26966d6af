// An in-process SMTP server the product talks to in mail tests: it records what it receives, and `answer` decides
// how it treats the next recipients (accept, 451 try later, 550 refuse).
import net from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  raw: string;
}

export function smtpServer() {
  const smtp = {
    received: [] as Received[],
    answer: 'accept' as 'accept' | '451' | '550',
    server: undefined as SMTPServer | undefined,
    port: 0,
    /** Starts listening; after a stop, on the same port again. */
    async start() {
      const server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onRcptTo(_address, _session, callback) {
          if (smtp.answer === '451') return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          if (smtp.answer === '550') return callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
          callback();
        },
        onData(stream, session, callback) {
          let raw = '';
          stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
          stream.on('end', () => {
            smtp.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server.listen(smtp.port, '127.0.0.1', resolve));
      smtp.port = (server.server.address() as net.AddressInfo).port;
      smtp.server = server;
    },
    async stop() {
      await new Promise<void>((resolve) => (smtp.server ? smtp.server.close(() => resolve()) : resolve()));
      smtp.server = undefined;
    },
    to(address: string) {
      return smtp.received.filter((m) => m.to.includes(address));
    },
  };
  return smtp;
}

/** The body of a received message as a reader sees it (quoted-printable undone, UTF-8 decoded). */
export function decoded(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i++) {
    const hex = /^=([0-9A-F]{2})/.exec(unfolded.slice(i, i + 3));
    if (hex) {
      bytes.push(Number.parseInt(hex[1]!, 16));
      i += 2;
    } else bytes.push(...Buffer.from(unfolded[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
