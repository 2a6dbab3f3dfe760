import pino, { type Logger } from 'pino';
import type { AppConfig } from './config';

/** JSON logs to stdout; secrets are never logged (the config is logged through describeConfig). */
export function createLogger(level: AppConfig['logLevel']): Logger {
  return pino({ level, base: { app: 'radslag' }, redact: ['*.password', '*.authorization', 'req.headers.authorization'] });
}
