// A fake socket for component and store tests: the test plays the server.
import type { Transport } from '../connection/store';

type Listener = (...args: never[]) => void;

export class FakeSocket implements Transport {
  private readonly listeners = new Map<string, Listener[]>();
  /** Every message the client sent, with its payload. */
  readonly sent: { event: string; payload: unknown }[] = [];
  /** Answers the client's messages (with their payload); undefined leaves the ack unanswered. */
  answer: (event: string, payload: unknown) => unknown = () => undefined;

  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (a: unknown) => void) : undefined;
    this.sent.push({ event, payload: args[0] });
    const answer = this.answer(event, args[0]);
    if (ack && answer !== undefined) queueMicrotask(() => ack(answer));
    return this;
  }
  /** How many times the client asked to connect. */
  connects = 0;
  connect() {
    this.connects++;
    return this;
  }
  disconnect() {
    return this;
  }
  /** The server sends `event`. */
  serverSends(event: string, payload?: unknown) {
    for (const l of this.listeners.get(event) ?? []) (l as (p: unknown) => void)(payload);
  }
}
