/**
 * A console window on a host: PowerShell by default, cmd on request (shells started inside one
 * another, `exit` leaves the innermost), and telnet's or nslookup's interactive mode on top of
 * either. Every line typed is echoed after its prompt in the transcript.
 */
import type { WorldContext } from '../world/context';
import type { HostRuntime } from '../world/host';
import type { IisServer } from '../world/iisServer';
import type { ConsoleSnapshot } from '../world/types';
import type { SmtpConnection } from '../smtp/connection';
import { consoleMessages, psErrorRecord } from './messages';
import { tokenize } from './args';
import { completeCommand, findCommand } from './commands/index';
import { resolvePath } from './commands/files';
import { outputFilter } from './commands/pipeFilter';
import type { CommandEnv, InteractivePrompt, Shell } from './command';

/** Typing more than this is refused rather than processed (cmd's own limit is 8191). */
const MAX_LINE = 8191;
const MAX_TRANSCRIPT = 5000;

export class ConsoleSession {
  shell: Shell = 'powershell';
  cwd = 'C:\\Users\\Administrator';
  transcript: string[] = [];
  history: string[] = [];
  #telnet: { conn: SmtpConnection; target: string } | null = null;
  /** A program's own prompt (nslookup) while it runs. */
  #program: InteractivePrompt | null = null;
  /** The shells the current one was started from, outermost first. */
  #outer: Shell[] = [];

  constructor(
    private readonly ctx: WorldContext,
    readonly host: HostRuntime,
    private readonly iis: IisServer | null,
  ) {}

  get prompt(): string {
    if (this.#telnet) return '';
    if (this.#program) return this.#program.prompt;
    return this.shell === 'powershell' ? `PS ${this.cwd}> ` : `${this.cwd}>`;
  }

  snapshot(): ConsoleSnapshot {
    return {
      host: this.host.name,
      prompt: this.prompt,
      mode: this.#telnet ? 'telnet' : this.#program ? 'program' : this.shell,
      transcript: [...this.transcript],
      history: [...this.history],
    };
  }

  #print(lines: string[]): void {
    this.transcript.push(...lines);
    if (this.transcript.length > MAX_TRANSCRIPT)
      this.transcript.splice(0, this.transcript.length - MAX_TRANSCRIPT);
  }

  /** Handle one typed line; returns what it printed. */
  input(rawLine: string): string[] {
    const msg = consoleMessages(this.ctx.locale());
    const line = rawLine.replace(/[\r\n]+/g, ' ');
    if (this.#telnet) return this.#telnetLine(line);
    this.#print([this.prompt + line]);
    if (this.#program) return this.#programLine(line);
    if (line.length > MAX_LINE) {
      this.#print([msg.tooLong]);
      return [msg.tooLong];
    }
    if (line.trim() !== '') this.history.push(line);
    const out = this.#run(line);
    this.#print(out);
    return out;
  }

  /**
   * Tab completion: the command name when the line has one word, otherwise the last word as a
   * path (folders get a trailing backslash). Returns the line extended by the longest common
   * prefix of the candidates, and the candidates.
   */
  complete(line: string): { line: string; candidates: string[] } {
    if (this.#telnet || this.#program) return { line, candidates: [] };
    const lastSpace = line.lastIndexOf(' ');
    const word = line.slice(lastSpace + 1);
    let candidates: string[];
    if (lastSpace < 0) candidates = completeCommand(word, this.shell);
    else {
      const unquoted = word.replace(/^"/, '');
      const sep = unquoted.lastIndexOf('\\');
      const dirPart = sep < 0 ? '' : unquoted.slice(0, sep + 1);
      const namePart = (sep < 0 ? unquoted : unquoted.slice(sep + 1)).toLowerCase();
      const dir = resolvePath(this.cwd, dirPart || '.');
      const names = [
        ...this.host.fs.listDirs(dir).map((d) => d.slice(d.lastIndexOf('\\') + 1) + '\\'),
        ...this.host.fs.list(dir).map((f) => f.path.slice(f.path.lastIndexOf('\\') + 1)),
      ];
      candidates = names
        .filter((n) => n.toLowerCase().startsWith(namePart))
        .map((n) => dirPart + n);
    }
    if (candidates.length === 0) return { line, candidates };
    const common = candidates.reduce((a, b) => {
      let i = 0;
      while (i < a.length && i < b.length && a[i]!.toLowerCase() === b[i]!.toLowerCase()) i++;
      return a.slice(0, i);
    });
    const completed = common.length >= word.replace(/^"/, '').length ? common : word;
    return { line: line.slice(0, lastSpace + 1) + completed, candidates };
  }

  /** Ctrl+C or Ctrl+]: leave telnet; Ctrl+C also ends an interactive program such as nslookup. */
  interrupt(): string[] {
    if (!this.#telnet) {
      this.#print([this.prompt + '^C']);
      this.#program = null;
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

  #programLine(line: string): string[] {
    const program = this.#program as InteractivePrompt;
    const { output, done } = program.line(line);
    if (done) this.#program = null;
    this.#print(output);
    return output;
  }

  #run(line: string): string[] {
    // `netstat -ano | findstr :25`: run the left side, keep the matching lines.
    const filter = outputFilter(line.trim(), this.shell);
    if (filter) return filter.apply(this.#run(filter.left));
    const tokens = tokenize(line.trim());
    if (tokens.length === 0) return [];
    const name = tokens[0] as string;
    const msg = consoleMessages(this.ctx.locale());
    const command = findCommand(name, this.shell);
    if (!command) {
      if (this.shell === 'cmd') return msg.cmdNotRecognized(name);
      return psErrorRecord(msg, {
        message: msg.psNotRecognized(name),
        line: line.trim(),
        underline: name.length,
        category: `ObjectNotFound: (${name}:String) [], CommandNotFoundException`,
        id: 'CommandNotFoundException',
      });
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
      enterPrompt: (program) => (this.#program = program),
      enterShell: (s) => {
        this.#outer.push(this.shell);
        this.shell = s;
      },
      exitShell: () => {
        const outer = this.#outer.pop();
        if (outer === undefined) return false;
        this.shell = outer;
        return true;
      },
      history: this.history,
      clear: () => (this.transcript = []),
    };
    return command.run(tokens.slice(1), env, line.trim());
  }
}
