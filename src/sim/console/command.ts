/** The shape of a console command and what it may use. */
import type { WorldContext } from '../world/context';
import type { HostRuntime } from '../world/host';
import type { IisServer } from '../world/iisServer';
import type { ConsoleMessages } from './messages';
import type { SmtpConnection } from '../smtp/connection';
import type { Locale } from '../world/types';

export type Shell = 'powershell' | 'cmd';

/** An interactive program running in the console, such as nslookup without arguments. */
export interface InteractivePrompt {
  /** The prompt it prints, e.g. `> `. */
  prompt: string;
  /** Handle one typed line; `done` returns to the shell. */
  line(text: string): { output: string[]; done: boolean };
}

export interface CommandEnv {
  ctx: WorldContext;
  host: HostRuntime;
  /** The IIS SMTP server on this host, if any. */
  iis: IisServer | null;
  shell: Shell;
  locale: Locale;
  msg: ConsoleMessages;
  cwd: string;
  setCwd(path: string): void;
  /** Switch the console into an interactive telnet session. */
  enterTelnet(conn: SmtpConnection, target: string): void;
  /**
   * Switch the console into a program's own prompt (nslookup's `> `): every typed line goes to
   * `line` until it answers `done`.
   */
  enterPrompt(prompt: InteractivePrompt): void;
  /** Start a shell inside the current one (`cmd` in PowerShell, `powershell` in cmd). */
  enterShell(shell: Shell): void;
  /** Leave the innermost shell (`exit`); false in the console's own first shell, which stays. */
  exitShell(): boolean;
  history: readonly string[];
  clear(): void;
}

export interface Command {
  /** Names and aliases, matched case-insensitively. */
  names: string[];
  /** Shells where the command exists (an .exe works in both). */
  shells: Shell[];
  /** One-line description for `help`. */
  summary: { en: string; ja: string };
  /** Example usage shown by `help`. */
  usage: string;
  run(args: string[], env: CommandEnv, line: string): string[];
}
