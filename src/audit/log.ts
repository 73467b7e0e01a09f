/**
 * JSON-lines copy of the audit trail through winston (stdout and/or a file), with the logging module's
 * redaction format in front as a last line of defence (records hold no key material to begin with).
 */
import * as winston from 'winston';
import { redactFormat } from '../logging';
import type { AuditRecord } from './record';

export interface AuditLogOptions {
  stdout?: boolean;
  file?: string;
}

export interface AuditLog {
  write(r: AuditRecord): void;
  close(): Promise<void>;
}

export function createAuditLog(o: AuditLogOptions): AuditLog | undefined {
  const transports: winston.transport[] = [];
  if (o.stdout) transports.push(new winston.transports.Stream({ stream: process.stdout }));
  if (o.file) transports.push(new winston.transports.File({ filename: o.file }));
  if (transports.length === 0) return undefined;
  const logger = winston.createLogger({ level: 'info', format: winston.format.combine(redactFormat(), winston.format.json()), transports });
  return {
    write(r) {
      const { hash, prevHash, ...rest } = r;
      logger.info('audit', { audit: { ...rest, hash, prevHash } });
    },
    close() {
      return new Promise((resolve) => {
        logger.on('finish', () => resolve());
        logger.end();
        setTimeout(resolve, 1000).unref();
      });
    },
  };
}
