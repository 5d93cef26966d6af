// An in-process signal that some context wrote a change for dual-write: the engine looks at once instead of
// waiting for its poll. Other processes' changes are found by the poll.
import { EventEmitter } from 'node:events';

const emitter = new EventEmitter();
emitter.setMaxListeners(100);

export function signalChange(): void {
  emitter.emit('change');
}

export function onChange(listener: () => void): () => void {
  emitter.on('change', listener);
  return () => emitter.off('change', listener);
}
