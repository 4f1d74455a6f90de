// Messages between the bench (bench/public-fanout.ts, bench/public-status.ts) and its load
// children (bench/load-child.ts), over the IPC channel. Times are nowAbs() (wall-clock ms), which
// the processes on one machine share.

/** Per seq pushed: how many clients received it, and when the first and the last did. */
export type PushRecord = [seq: number, count: number, first: number, last: number];

export type LoadRequest =
  | { op: 'connect'; id: number; port: number; sockets: number; sse: number; batch: number }
  | { op: 'reset'; id: number }
  | { op: 'report'; id: number; callSeqs: number[] }
  | { op: 'reconnect'; id: number; seq: number }
  | { op: 'close'; id: number }
  | { op: 'http-load'; id: number; port: number; path: string; connections: number; ms: number };

export type LoadReply =
  | { op: 'done'; id: number; ms: number; failed: number; error?: string }
  | {
      op: 'report';
      id: number;
      sockets: PushRecord[];
      sse: PushRecord[];
      /** Per call seq asked for: when the last client here first held a status with seq ≥ it, and how many never did. */
      socketLast: number[];
      socketMissing: number[];
      sseLast: number[];
      sseMissing: number[];
      /** CPU this process used since the last reset, and the wall time, in ms. */
      cpuMs: number;
      wallMs: number;
      /** Event-loop delay since the last reset, ms. */
      lagP99Ms: number;
      lagMaxMs: number;
      /** Public sockets that were disconnected (and reconnected) since the last reset. */
      disconnects: number;
    }
  | { op: 'reconnected'; id: number; last: number; ok: number; total: number }
  | { op: 'http-load'; id: number; requests: number; errors: number; bodyBytes: number; cpuMs: number; wallMs: number };
