/**
 * The production Graph calendar (and attendance source), run in a child Node process, for tests against
 * the HTTPS fakes.
 *
 * Why a child: the real MSAL (node:https) and Graph client (global fetch) trust a self-signed certificate
 * only through NODE_EXTRA_CA_CERTS, which Node reads once at start-up. The jest worker is already running,
 * and jest.config.js is not ours to give a globalSetup. Passing a CA to the clients instead would need a
 * test-only seam in src/graph. So the child starts with NODE_EXTRA_CA_CERTS, exactly as the app would,
 * and the parent calls the MeetingCalendar and AttendanceSource ports over IPC; the fakes stay in the jest
 * process, so tests inspect them directly.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { AttendanceSource, MeetingCalendar } from '../../src/app/ports';
import type { GraphConfig } from '../../src/config';

export interface SerializedError {
  name: string;
  message: string;
  /** The error's own primitive fields (status, code, requestId, graphMessage, …). */
  fields: Record<string, string | number | boolean>;
  cause?: SerializedError;
}

type Operation =
  | { op: 'create'; config: GraphConfig }
  | { op: 'call'; calendar: number; method: keyof MeetingCalendar; args: unknown[] }
  | { op: 'createAttendance'; config: GraphConfig }
  | { op: 'callAttendance'; source: number; method: keyof AttendanceSource; args: unknown[] };

export type ChildRequest = Operation & { id: number };

export type ChildReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

/** An error thrown in the child, rebuilt with the same name, message and fields (and its cause chain). */
export class ChildError extends Error {
  [field: string]: unknown;

  constructor(serialized: SerializedError) {
    super(serialized.message, serialized.cause ? { cause: new ChildError(serialized.cause) } : undefined);
    Object.assign(this, serialized.fields);
    this.name = serialized.name;
  }
}

export interface CalendarChild {
  /** A MeetingCalendar created in the child by `createGraphCalendar(config)`. */
  createCalendar(config: GraphConfig): Promise<MeetingCalendar>;
  /** An AttendanceSource created in the child by `createGraphAttendance(config)`. */
  createAttendanceSource(config: GraphConfig): Promise<AttendanceSource>;
  /** Everything the child wrote (its pino log, at `logLevel`). */
  output(): string;
  stop(): Promise<void>;
}

const CALENDAR_METHODS: ReadonlyArray<keyof MeetingCalendar> = [
  'createOnlineMeetingEvent',
  'updateEventBody',
  'cancelEvent',
  'moveEvent',
  'findOnlineMeetingByJoinUrl',
  'installAppInChat',
  'sendMail',
];

const ATTENDANCE_METHODS: ReadonlyArray<keyof AttendanceSource> = ['fetchRecords', 'onlineMeetingIdByJoinUrl'];

/**
 * Starts the child. `caFile` becomes its NODE_EXTRA_CA_CERTS; null starts it without one (to see what
 * an untrusted certificate does).
 */
export async function startCalendarChild(options: { caFile: string | null; logLevel?: string; callTimeoutMs?: number }): Promise<CalendarChild> {
  const callTimeoutMs = options.callTimeoutMs ?? 20_000;
  const { NODE_EXTRA_CA_CERTS: _inherited, ...env } = process.env;
  const child: ChildProcess = fork(path.join(__dirname, 'calendar-child.ts'), [options.logLevel ?? 'warn'], {
    execArgv: ['--import', 'tsx'],
    env: options.caFile === null ? env : { ...env, NODE_EXTRA_CA_CERTS: options.caFile },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      for (const [, p] of pending) p.reject(new Error(`the calendar child exited (${code ?? signal}) before answering:\n${output}`));
      pending.clear();
      resolve();
    }),
  );
  child.on('message', (message: ChildReply) => {
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    clearTimeout(p.timer);
    if (message.ok) p.resolve(message.value);
    else p.reject(new ChildError(message.error));
  });

  const call = (request: Operation | null, id = nextId++): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error(`the calendar child has exited:\n${output}`));
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the calendar child gave no answer within ${callTimeoutMs} ms:\n${output}`));
      }, callTimeoutMs);
      pending.set(id, { resolve, reject, timer });
      if (request) child.send({ ...request, id });
    });

  // The child says "ready" (id 0) once tsx has loaded it with the Graph and MSAL packages.
  await call(null, 0);

  return {
    async createCalendar(config) {
      const index = (await call({ op: 'create', config })) as number;
      const calendar = {} as Record<keyof MeetingCalendar, (...args: unknown[]) => Promise<unknown>>;
      for (const method of CALENDAR_METHODS) calendar[method] = (...args) => call({ op: 'call', calendar: index, method, args });
      return calendar as unknown as MeetingCalendar;
    },
    async createAttendanceSource(config) {
      const index = (await call({ op: 'createAttendance', config })) as number;
      const source = {} as Record<keyof AttendanceSource, (...args: unknown[]) => Promise<unknown>>;
      for (const method of ATTENDANCE_METHODS) source[method] = (...args) => call({ op: 'callAttendance', source: index, method, args });
      return source as unknown as AttendanceSource;
    },
    output: () => output,
    async stop() {
      if (!exited) {
        child.disconnect();
        // The child exits on disconnect; the kill is for a child stuck before it could see that.
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exit;
        clearTimeout(timer);
      }
    },
  };
}
