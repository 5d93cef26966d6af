// Consumes other contexts' mail events exactly once: read, queue the message (idempotent by event id), acknowledge.
import type { FastifyBaseLogger } from 'fastify';
import type { Messages, Notification } from './messages.ts';

export interface MailEventSource {
  read(limit: number): Promise<Notification[]>;
  ack(ids: string[]): Promise<void>;
}

export function createRelay(sources: MailEventSource[], messages: Messages, log: FastifyBaseLogger, pollMs = 1000) {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let stopped = true;
  let current: Promise<void> | undefined;
  let lastKick = 0;

  async function drain(): Promise<number> {
    let handled = 0;
    for (const source of sources) {
      for (;;) {
        const events = await source.read(100);
        if (events.length === 0) break;
        // A crash between queueing and acknowledging delivers the events again; the event id keeps it to one message.
        await messages.queueAll(events);
        await source.ack(events.map((e) => e.id));
        handled += events.length;
      }
    }
    return handled;
  }

  async function loop() {
    if (running || stopped) return;
    running = true;
    again = false;
    let handled = 0;
    current = drain()
      .then((n) => {
        handled = n;
      })
      .catch((error: unknown) => log.error({ err: error }, 'mail: reading events failed'));
    await current;
    running = false;
    if (stopped) return;
    clearTimeout(timer);
    // A signal sent from inside a transaction may come before its commit: look again shortly after one.
    timer = setTimeout(() => void loop(), again || handled > 0 ? 0 : Date.now() - lastKick < 300 ? 30 : pollMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void loop();
    },
    kick() {
      if (stopped) return;
      lastKick = Date.now();
      if (running) {
        again = true;
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => void loop(), 10);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
