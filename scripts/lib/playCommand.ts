/**
 * `scenario play`: a scenario in the terminal. Lines go to the console of the current host, exactly
 * as the app's console sends them (telnet included); lines starting with ':' are meta-commands
 * (clock, status, queue, logs, hints). Works with a piped stdin, so tests can script a session.
 */
import { createInterface } from 'node:readline';
import {
  createScenarioWorld,
  evaluateObjectives,
  formatError,
  type LoadedScenario,
  type Locale,
  type World,
  type WorldAction,
} from '../../src/sim/index';
import { parseDuration, wallClock } from '../../src/sim/clock/time';
import { findScenarioFile, loadScenarioFile } from './scenarioFiles';
import { replText, type ReplText } from './replText';

/** Markdown as plain terminal text: emphasis and code marks dropped, the rest kept. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .trimEnd();
}

class Player {
  #solved = false;
  #hints = 0;
  readonly #t: ReplText;

  constructor(
    readonly scenario: LoadedScenario,
    readonly world: World,
    readonly locale: Locale,
    public host: string,
    readonly out: (line: string) => void,
  ) {
    this.#t = replText(locale);
  }

  get prompt(): string {
    return `[${this.host}] ${this.world.snapshot().consoles[this.host]?.prompt ?? ''}`;
  }

  #time(ms: number): string {
    const offset = this.scenario.resolvedWorld.utcOffset;
    const sign = offset.startsWith('-') ? -1 : 1;
    const [h, m] = offset.slice(1).split(':').map(Number);
    const w = wallClock(ms, sign * ((h ?? 0) * 60 + (m ?? 0)));
    const p = (n: number) => String(n).padStart(2, '0');
    return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}:${p(w.second)} (${offset})`;
  }

  /** Send an action; print its output and any console lines that arrived meanwhile (a telnet server closing). */
  #send(action: WorldAction): boolean {
    const before = this.world.snapshot().consoles[this.host]?.transcript.length ?? 0;
    const result = this.world.send(action);
    if (action.type === 'console.line' || action.type === 'console.interrupt')
      result.output.forEach((l) => this.out(l));
    else {
      const after = this.world.snapshot().consoles[this.host]?.transcript ?? [];
      after.slice(before).forEach((l) => this.out(l));
    }
    if (!result.ok && result.error)
      this.out(result.error === 'Nothing is scheduled' ? this.#t.nothingScheduled : result.error);
    return result.ok;
  }

  #checkSolved(): void {
    const solved = evaluateObjectives(this.scenario, this.world).every((s) => s.met);
    if (solved && !this.#solved) this.out(`\n${this.#t.solved}\n`);
    else if (!solved && this.#solved) this.out(this.#t.unsolvedAgain);
    this.#solved = solved;
  }

  #status(): void {
    const snap = this.world.snapshot();
    this.out(
      this.#t.time(
        this.#time(snap.now),
        snap.nextEventAt === null ? null : this.#time(snap.nextEventAt),
      ),
    );
    this.out(this.#t.objectives);
    for (const s of evaluateObjectives(this.scenario, this.world))
      this.out(
        `  ${s.met ? '✓' : '✗'} ${s.label[this.locale]}${s.safety ? ` (${this.#t.safety})` : ''}`,
      );
  }

  #queue(): void {
    for (const [host, entries] of Object.entries(this.world.snapshot().queues)) {
      if (entries.length === 0) this.out(this.#t.queueEmpty(host));
      for (const e of entries) {
        const next = e.nextAttemptAt === null ? '-' : this.#time(e.nextAttemptAt);
        this.out(
          `${host}  ${e.fileName}  ${e.to.join(', ')}  attempts=${e.attempts}  next=${next}${e.lastError ? `  ${e.lastError}` : ''}`,
        );
      }
    }
  }

  #events(n: number): void {
    const events = (this.world.snapshot().events[this.host] ?? []).slice(-n);
    if (events.length === 0) this.out(this.#t.noEvents);
    for (const e of events)
      this.out(
        `${this.#time(e.time)}  ${e.level}  ${e.log}/${e.source}  ${e.eventId}  ${e.message.split('\n')[0]}`,
      );
  }

  #log(n: number): void {
    const file = this.world.logFiles(this.host).at(-1);
    if (!file) return this.out(this.#t.noLog(this.host));
    this.out(file.path);
    file.content
      .split(/\r?\n/)
      .filter((l) => l !== '')
      .slice(-n)
      .forEach((l) => this.out(l));
  }

  /** Handle one input line; returns false to quit. "Solved!" is printed as soon as every objective holds. */
  line(raw: string): boolean {
    const go = this.#line(raw);
    this.#checkSolved();
    return go;
  }

  #line(raw: string): boolean {
    if (!raw.startsWith(':') || raw.startsWith('::')) {
      this.#send({
        type: 'console.line',
        host: this.host,
        line: raw.startsWith('::') ? raw.slice(1) : raw,
      });
      return true;
    }
    const [cmd, ...args] = raw.trim().split(/\s+/);
    const count = (fallback: number) =>
      args[0] && /^\d+$/.test(args[0]) ? Number(args[0]) : fallback;
    switch (cmd) {
      case ':quit':
      case ':q':
      case ':exit':
        this.out(this.#t.bye);
        return false;
      case ':help':
        this.#t.help.forEach((l) => this.out(l));
        break;
      case ':advance': {
        const ms = parseDuration(args.join(''));
        if (ms === null) this.out(this.#t.badDuration);
        else if (this.#send({ type: 'clock.advance', ms }))
          this.out(this.#t.advanced(this.#time(this.world.snapshot().now)));
        break;
      }
      case ':step':
        if (this.#send({ type: 'clock.step' }))
          this.out(this.#t.advanced(this.#time(this.world.snapshot().now)));
        break;
      case ':status':
        this.#status();
        break;
      case ':queue':
        this.#queue();
        break;
      case ':events':
        this.#events(count(10));
        break;
      case ':log':
        this.#log(count(20));
        break;
      case ':hint': {
        const hint = this.scenario.hints[this.#hints];
        if (!hint) this.out(this.#t.noMoreHints);
        else
          this.out(
            `${this.#t.hint(++this.#hints, this.scenario.hints.length)} ${plainText(hint[this.locale])}`,
          );
        break;
      }
      case ':host': {
        const name = (args[0] ?? '').toUpperCase();
        if (!this.scenario.consoles.includes(name))
          this.out(this.#t.badHost(args[0] ?? '', this.scenario.consoles));
        else {
          this.host = name;
          this.out(this.#t.switched(name));
        }
        break;
      }
      case ':interrupt':
        this.#send({ type: 'console.interrupt', host: this.host });
        break;
      case ':debrief':
        this.out(
          this.#solved ? plainText(this.scenario.debrief[this.locale]) : this.#t.notSolvedYet,
        );
        break;
      default:
        this.out(this.#t.unknownMeta(cmd ?? raw));
    }
    return true;
  }
}

/** Start the player; resolves with the exit code when the input ends or :quit is typed. */
export async function runPlay(fileOrId: string, options: Record<string, string>): Promise<number> {
  const locale: Locale = options.lang === 'ja' ? 'ja' : 'en';
  if (options.lang !== undefined && options.lang !== 'ja' && options.lang !== 'en') {
    console.error('--lang must be ja or en');
    return 2;
  }
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0)) {
    console.error('--seed must be a whole number of at least 0');
    return 2;
  }
  const file = findScenarioFile(fileOrId);
  if (!file) {
    console.error(`no scenario file or id '${fileOrId}'`);
    return 2;
  }
  const loaded = loadScenarioFile(file, seed);
  if (!loaded.ok) {
    loaded.errors.forEach((e) => console.error(formatError(e)));
    return 1;
  }
  const scenario = loaded.scenario;
  const host = (options.host ?? scenario.consoles[0] ?? '').toUpperCase();
  if (!scenario.consoles.includes(host)) {
    console.error(replText(locale).badHost(options.host ?? '', scenario.consoles));
    return 2;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const player = new Player(
    scenario,
    createScenarioWorld(scenario, { locale, seed: scenario.variant.seed }),
    locale,
    host,
    out,
  );
  out(`# ${scenario.title[locale]}\n`);
  out(plainText(scenario.briefing[locale]));
  out('');
  out(replText(locale).intro(host));

  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY === true,
  });
  rl.on('SIGINT', () => {
    // Ctrl+C leaves telnet first, like the real console; at the shell prompt it quits.
    if (player.world.snapshot().consoles[player.host]?.mode === 'telnet') player.line(':interrupt');
    else rl.close();
    rl.setPrompt(player.prompt);
    rl.prompt();
  });
  rl.setPrompt(player.prompt);
  rl.prompt();
  for await (const line of rl) {
    // Without a terminal nothing echoes the typed line; print it so a piped session reads like one.
    if (!process.stdin.isTTY) out(line);
    if (!player.line(line)) break;
    rl.setPrompt(player.prompt);
    rl.prompt();
  }
  rl.close();
  return 0;
}
