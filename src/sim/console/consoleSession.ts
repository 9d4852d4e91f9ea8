/**
 * A console window on a host: PowerShell by default, cmd on request, and telnet's interactive
 * mode on top of either. Every line typed is echoed after its prompt in the transcript.
 */
import type { WorldContext } from '../world/context';
import type { HostRuntime } from '../world/host';
import type { IisServer } from '../world/iisServer';
import type { ConsoleSnapshot } from '../world/types';
import type { SmtpConnection } from '../smtp/connection';
import { consoleMessages } from './messages';
import { tokenize } from './args';
import { findCommand } from './commands/index';
import type { CommandEnv, Shell } from './command';

/** Typing more than this is refused rather than processed (cmd's own limit is 8191). */
const MAX_LINE = 8191;
const MAX_TRANSCRIPT = 5000;

export class ConsoleSession {
  shell: Shell = 'powershell';
  cwd = 'C:\\Users\\Administrator';
  transcript: string[] = [];
  history: string[] = [];
  #telnet: { conn: SmtpConnection; target: string } | null = null;

  constructor(
    private readonly ctx: WorldContext,
    readonly host: HostRuntime,
    private readonly iis: IisServer | null,
  ) {}

  get prompt(): string {
    if (this.#telnet) return '';
    return this.shell === 'powershell' ? `PS ${this.cwd}> ` : `${this.cwd}>`;
  }

  snapshot(): ConsoleSnapshot {
    return {
      host: this.host.name,
      prompt: this.prompt,
      mode: this.#telnet ? 'telnet' : this.shell,
      transcript: [...this.transcript],
      history: [...this.history],
    };
  }

  #print(lines: string[]): void {
    this.transcript.push(...lines);
    if (this.transcript.length > MAX_TRANSCRIPT) this.transcript.splice(0, this.transcript.length - MAX_TRANSCRIPT);
  }

  /** Handle one typed line; returns what it printed. */
  input(rawLine: string): string[] {
    const msg = consoleMessages(this.ctx.locale());
    const line = rawLine.replace(/[\r\n]+/g, ' ');
    if (this.#telnet) return this.#telnetLine(line);
    this.#print([this.prompt + line]);
    if (line.length > MAX_LINE) {
      this.#print([msg.tooLong]);
      return [msg.tooLong];
    }
    if (line.trim() !== '') this.history.push(line);
    const out = this.#run(line);
    this.#print(out);
    return out;
  }

  /** Ctrl+C or Ctrl+]: leave telnet. */
  interrupt(): string[] {
    if (!this.#telnet) {
      this.#print([this.prompt + '^C']);
      return [];
    }
    this.#telnet.conn.close();
    this.#telnet = null;
    const out = ['', consoleMessages(this.ctx.locale()).telnetLost];
    this.#print(out);
    return out;
  }

  #telnetLine(line: string): string[] {
    const t = this.#telnet as { conn: SmtpConnection; target: string };
    // Telnet does not echo what is typed (reference §8.1); the transcript shows it for readability.
    this.#print([line]);
    const reply = t.conn.send(line);
    const out = [...reply];
    if (t.conn.closed) {
      this.#telnet = null;
      out.push('', consoleMessages(this.ctx.locale()).telnetLost);
    }
    this.#print(out);
    return out;
  }

  #run(line: string): string[] {
    const tokens = tokenize(line.trim());
    if (tokens.length === 0) return [];
    const name = tokens[0] as string;
    const msg = consoleMessages(this.ctx.locale());
    const command = findCommand(name, this.shell);
    if (!command) {
      if (this.shell === 'cmd') return msg.cmdNotRecognized(name);
      return [
        msg.psNotRecognized(name),
        msg.psAtLine,
        `+ ${line.trim()}`,
        `+ ${'~'.repeat(name.length)}`,
        `    + CategoryInfo          : ObjectNotFound: (${name}:String) [], CommandNotFoundException`,
        '    + FullyQualifiedErrorId : CommandNotFoundException',
        '',
      ];
    }
    const env: CommandEnv = {
      ctx: this.ctx,
      host: this.host,
      iis: this.iis,
      shell: this.shell,
      locale: this.ctx.locale(),
      msg,
      cwd: this.cwd,
      setCwd: (p) => (this.cwd = p),
      enterTelnet: (conn, target) => {
        this.#telnet = { conn, target };
        conn.onUnsolicited((lines) => {
          this.#print(lines);
          if (conn.closed && this.#telnet?.conn === conn) {
            this.#telnet = null;
            this.#print(['', consoleMessages(this.ctx.locale()).telnetLost]);
          }
        });
      },
      setShell: (s) => (this.shell = s),
      history: this.history,
      clear: () => (this.transcript = []),
    };
    return command.run(tokens.slice(1), env, line.trim());
  }
}
