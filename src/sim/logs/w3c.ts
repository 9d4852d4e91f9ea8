/**
 * W3C extended log writer for an IIS SMTP virtual server (reference §5): one line per inbound
 * command and per outbound command/response, `+` for spaces, `-` for empty values, UTC times,
 * a header block on each new file and after each service start (§5.2). Files follow the log
 * schedule (§4.1): `exyymmddhh.log` hourly, `exyymmdd.log` daily, `exyymmww.log` weekly (week of
 * the month, weeks start on Sunday), `exyymm.log` monthly, `extendN.log` unlimited or by size;
 * named and rolled over by UTC, or by local time with "Use local time for file naming and rollover".
 */
import { w3cDate, w3cTime, wallClock } from '../clock/time';
import type { VirtualFs } from '../fs/virtualFs';
import { W3C_FIELDS, type LoggingSettings, type W3cField } from '../smtp/iisSettings';

export const LOG_DIR = 'C:\\Windows\\System32\\LogFiles\\SMTPSVC1';

export interface W3cEntry {
  time: number;
  clientIp: string;
  username: string;
  serverIp: string;
  serverPort: number;
  method: string;
  query: string;
  status: number;
  win32Status: number;
  bytesSent: number;
  bytesReceived: number;
  timeTaken: number;
}

/** Spaces become `+`; an empty value is `-`. */
export function w3cValue(v: string): string {
  return v === '' ? '-' : v.replace(/ /g, '+');
}

export class W3cLog {
  #needsHeader = true;
  #currentFile = '';

  constructor(
    private readonly fs: VirtualFs,
    private readonly siteName: string,
    private readonly computerName: string,
    private readonly iisVersion: string,
    private readonly getConfig: () => Pick<LoggingSettings, 'enabled' | 'fields'> &
      Partial<LoggingSettings>,
    private readonly getUtcOffsetMinutes: () => number = () => 0,
  ) {}

  /** The service (re)started: the next line gets a fresh header block. */
  restart(): void {
    this.#needsHeader = true;
  }

  /** The file a line written at `time` goes to; `extraBytes` = its length (size-based rollover). */
  fileNameFor(time: number, extraBytes = 0): string {
    const cfg = this.getConfig();
    const w = wallClock(time, cfg.localTimeNaming ? this.getUtcOffsetMinutes() : 0);
    const p = (n: number) => String(n).padStart(2, '0');
    const ymd = `${p(w.year % 100)}${p(w.month)}${p(w.day)}`;
    switch (cfg.schedule ?? 'daily') {
      case 'hourly':
        return `${LOG_DIR}\\ex${ymd}${p(w.hour)}.log`;
      case 'weekly': {
        const firstWeekday = (w.weekday - ((w.day - 1) % 7) + 7) % 7;
        return `${LOG_DIR}\\ex${ymd.slice(0, 4)}${p(Math.floor((w.day - 1 + firstWeekday) / 7) + 1)}.log`;
      }
      case 'monthly':
        return `${LOG_DIR}\\ex${ymd.slice(0, 4)}.log`;
      case 'unlimited':
        return `${LOG_DIR}\\extend1.log`;
      case 'size': {
        const limit = (cfg.maxSizeMb ?? 20) * 1024 * 1024;
        const numbers = this.fs
          .list(LOG_DIR)
          .map((f) => /\\extend(\d+)\.log$/i.exec(f.path)?.[1])
          .filter((n): n is string => n !== undefined)
          .map(Number);
        const n = Math.max(1, ...numbers);
        const size = this.fs.readFile(`${LOG_DIR}\\extend${n}.log`)?.content.length ?? 0;
        return `${LOG_DIR}\\extend${size > 0 && size + extraBytes > limit ? n + 1 : n}.log`;
      }
      default:
        return `${LOG_DIR}\\ex${ymd}.log`;
    }
  }

  write(entry: W3cEntry): void {
    const cfg = this.getConfig();
    // Only the W3C format is rendered; the other formats write nothing here (docs/fidelity.md).
    if (!cfg.enabled || (cfg.format ?? 'w3c') !== 'w3c') return;
    const fields = W3C_FIELDS.filter((f) => cfg.fields.includes(f));
    const line = fields.map((f) => this.#field(f, entry)).join(' ') + '\r\n';
    const header =
      `#Software: Microsoft Internet Information Services ${this.iisVersion}\r\n` +
      `#Version: 1.0\r\n` +
      `#Date: ${w3cDate(entry.time)} ${w3cTime(entry.time)}\r\n` +
      `#Fields: ${fields.join(' ')} \r\n`;
    const file = this.fileNameFor(entry.time, line.length);
    if (file !== this.#currentFile || this.fs.readFile(file) === null) {
      this.#currentFile = file;
      this.#needsHeader = true;
    }
    const out = (this.#needsHeader ? header : '') + line;
    this.#needsHeader = false;
    this.fs.appendFile(file, out, entry.time);
  }

  #field(f: W3cField, e: W3cEntry): string {
    switch (f) {
      case 'date':
        return w3cDate(e.time);
      case 'time':
        return w3cTime(e.time);
      case 'c-ip':
        return e.clientIp;
      case 'cs-username':
        return w3cValue(e.username);
      case 's-sitename':
        return this.siteName;
      case 's-computername':
        return this.computerName;
      case 's-ip':
        return w3cValue(e.serverIp);
      case 's-port':
        return String(e.serverPort);
      case 'cs-method':
        return w3cValue(e.method);
      case 'cs-uri-query':
        return w3cValue(e.query);
      case 'sc-status':
        return String(e.status);
      case 'sc-win32-status':
        return String(e.win32Status);
      case 'sc-bytes':
        return String(e.bytesSent);
      case 'cs-bytes':
        return String(e.bytesReceived);
      case 'time-taken':
        return String(e.timeTaken);
      case 'cs-version':
        return 'SMTP';
      default:
        return '-';
    }
  }
}
