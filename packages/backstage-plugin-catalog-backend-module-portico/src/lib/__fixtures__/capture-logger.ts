// A LoggerService that records every line (Backstage's mockServices.logger.mock() needs jest; node:test has none).
import type { LoggerService } from '@backstage/backend-plugin-api';

export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta?: unknown;
}

export interface CapturedLogger extends LoggerService {
  lines: LogLine[];
  text(): string;
  at(level: LogLine['level']): string[];
}

export function captureLogger(lines: LogLine[] = []): CapturedLogger {
  const at = (level: LogLine['level']) => (message: string, meta?: unknown) => void lines.push({ level, message, meta });
  return {
    lines,
    error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'),
    child: () => captureLogger(lines),
    text: () => lines.map((l) => `${l.level} ${l.message} ${l.meta === undefined ? '' : JSON.stringify(l.meta)}`).join('\n'),
    at: (level) => lines.filter((l) => l.level === level).map((l) => l.message),
  };
}
