/**
 * A TCP proxy in front of PostgreSQL for the scale-out tests: it counts the app's round trips (each simple
 * Query or extended-protocol Sync the client sends is one) and stands in for the database going away —
 * `cut` drops every connection and refuses new ones (a restart), `hang` lets nothing through and answers
 * nothing (a cut network) — and `restore` lets connections through again; `latencyMs` holds each answer back
 * (a database on another host, or a busy one). Deterministic, and it disturbs no
 * one else's use of the shared PostgreSQL server.
 */
import net from 'node:net';

type Mode = 'open' | 'cut' | 'hang';

export class PgProxy {
  private server?: net.Server;
  private mode: Mode = 'open';
  private readonly sockets = new Set<net.Socket>();
  private trips = 0;
  port = 0;
  /** How long each of the database's answers is held back (in order). */
  latencyMs = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  static forUrl(url: string): PgProxy {
    const u = new URL(url);
    return new PgProxy({ host: u.hostname, port: Number(u.port || 5432) });
  }

  /** `url` with its host and port replaced by the proxy's. */
  urlThrough(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async start(): Promise<void> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  /** Round trips counted since the last reset. */
  roundTrips(): number {
    return this.trips;
  }

  resetCount(): void {
    this.trips = 0;
  }

  /** The database restarts: every connection is dropped and new ones are refused until `restore`. */
  cut(): void {
    this.mode = 'cut';
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** The network stops answering: bytes go nowhere, connections stay open and silent. */
  hang(): void {
    this.mode = 'hang';
  }

  restore(): void {
    if (this.mode === 'hang') for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.mode = 'open';
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private accept(client: net.Socket): void {
    if (this.mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    const counter = this.frontendCounter();
    client.on('data', (chunk: Buffer) => {
      if (this.mode === 'hang') return;
      counter(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (this.mode === 'hang') return;
      // Timers of one delay fire in the order they were set, so the answers keep their order.
      if (this.latencyMs > 0) setTimeout(() => this.mode !== 'hang' && !client.destroyed && client.write(chunk), this.latencyMs);
      else client.write(chunk);
    });
  }

  /** Reads the client's messages: the startup message has no type byte, every later one does. */
  private frontendCounter(): (chunk: Buffer) => void {
    let buffered = Buffer.alloc(0);
    let started = false;
    return (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (;;) {
        if (!started) {
          if (buffered.length < 4) return;
          const length = buffered.readInt32BE(0);
          if (buffered.length < length) return;
          buffered = buffered.subarray(length);
          started = true;
          continue;
        }
        if (buffered.length < 5) return;
        const type = String.fromCharCode(buffered[0]!);
        const length = buffered.readInt32BE(1);
        if (buffered.length < 1 + length) return;
        if (type === 'Q' || type === 'S') this.trips++;
        buffered = buffered.subarray(1 + length);
      }
    };
  }
}
