/**
 * Authoring CLI, using src/sim directly:
 *   npm run scenario -- check [file…]                       validate + generated checks (all scenarios if none given)
 *   npm run scenario -- play <file|id> [--lang ja|en] [--seed N] [--host WEB01]   play in the terminal
 */
import { runCheck } from './lib/checkCommand';
import { runPlay } from './lib/playCommand';

const USAGE = `usage:
  npm run scenario -- check [file…]
  npm run scenario -- play <file|id> [--lang ja|en] [--seed N] [--host HOST]`;

/** `--name value` options and the remaining positional arguments. */
function parseArgs(args: string[]): { options: Record<string, string>; rest: string[] } | string {
  const options: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? args[++i];
    if (value === undefined) return `--${name} needs a value`;
    options[name] = value;
  }
  return { options, rest };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${USAGE}`);
    return 2;
  }
  if (command === 'check') return runCheck(parsed.rest);
  if (command === 'play') {
    const { options, rest } = parsed;
    const unknown = Object.keys(options).filter((k) => !['lang', 'seed', 'host'].includes(k));
    if (rest.length !== 1 || unknown.length > 0) {
      console.error(`${unknown.length > 0 ? `unknown option --${unknown[0]}\n` : ''}${USAGE}`);
      return 2;
    }
    return runPlay(rest[0] as string, options);
  }
  console.error(USAGE);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
