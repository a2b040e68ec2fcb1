/**
 * One end of an IPC channel a feed is relayed over: `process` in a cluster worker (or a forked child), or the
 * primary's cluster `Worker` / ChildProcess for it. Both emit 'disconnect' when the channel closes, and both take a
 * callback on send — without one, a send on a closed channel emits 'error' on the process, which would crash it.
 */
export interface FeedRelayChannel {
  send(message: unknown, callback: (err: Error | null) => void): unknown;
  on(event: 'message' | 'disconnect', listener: (message?: unknown) => void): unknown;
  off(event: 'message' | 'disconnect', listener: (message?: unknown) => void): unknown;
  /** false once the channel is closed (process.connected, Worker.isConnected() is not used). */
  readonly connected?: boolean;
}
