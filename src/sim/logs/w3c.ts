/**
 * W3C extended log writer for an IIS SMTP virtual server (reference §5): one line per inbound
 * command and per outbound command/response, `+` for spaces, `-` for empty values, UTC times,
 * daily files `exyymmdd.log` with a header block on each new file and after each service start.
 */
import { w3cDate, w3cTime, yymmdd } from '../clock/time';
import type { VirtualFs } from '../fs/virtualFs';
import { W3C_FIELDS, type W3cField } from '../smtp/iisSettings';

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
    private readonly getConfig: () => { enabled: boolean; fields: W3cField[] },
  ) {}

  /** The service (re)started: the next line gets a fresh header block. */
  restart(): void {
    this.#needsHeader = true;
  }

  fileNameFor(time: number): string {
    return `${LOG_DIR}\\ex${yymmdd(time)}.log`;
  }

  write(entry: W3cEntry): void {
    const cfg = this.getConfig();
    if (!cfg.enabled) return;
    const fields = W3C_FIELDS.filter((f) => cfg.fields.includes(f));
    const file = this.fileNameFor(entry.time);
    if (file !== this.#currentFile || this.fs.readFile(file) === null) {
      this.#currentFile = file;
      this.#needsHeader = true;
    }
    let out = '';
    if (this.#needsHeader) {
      out +=
        `#Software: Microsoft Internet Information Services ${this.iisVersion}\r\n` +
        `#Version: 1.0\r\n` +
        `#Date: ${w3cDate(entry.time)} ${w3cTime(entry.time)}\r\n` +
        `#Fields: ${fields.join(' ')} \r\n`;
      this.#needsHeader = false;
    }
    out += fields.map((f) => this.#field(f, entry)).join(' ') + '\r\n';
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
