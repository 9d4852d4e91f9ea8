import type { Command, Shell } from '../command';
import { allCommands } from './registry';

/** The command a typed name runs in this shell, or undefined (case-insensitive, aliases included). */
export function findCommand(name: string, shell: Shell): Command | undefined {
  const lower = name.toLowerCase();
  // In PowerShell `sc` is Set-Content; sc.exe must be typed in full (a classic trap, kept on purpose).
  if (shell === 'powershell' && lower === 'sc') return undefined;
  return allCommands().find(
    (c) => c.shells.includes(shell) && c.names.some((n) => n.toLowerCase() === lower),
  );
}

/** Command names starting with `prefix`, for Tab completion. */
export function completeCommand(prefix: string, shell: Shell): string[] {
  const lower = prefix.toLowerCase();
  return allCommands()
    .filter((c) => c.shells.includes(shell))
    .flatMap((c) => c.names)
    .filter((n) => n.toLowerCase().startsWith(lower))
    .sort();
}
