/**
 * ↑/↓ through a console's command history, as PSReadLine and cmd do: the first ↑ keeps the line
 * being typed as a draft, ↓ past the newest entry brings that draft back.
 */
export class HistoryWalker {
  #index: number | null = null;
  #draft = '';

  /** True while a history entry (not the draft) is shown. */
  get walking(): boolean {
    return this.#index !== null;
  }

  /** The line to show after ↑, or null when there is no history to walk. */
  up(history: readonly string[], line: string): string | null {
    if (history.length === 0) return null;
    if (this.#index === null) {
      this.#draft = line;
      this.#index = history.length - 1;
    } else {
      this.#index = Math.max(0, Math.min(this.#index, history.length) - 1);
    }
    return history[this.#index] ?? '';
  }

  /** The line to show after ↓, or null when not walking the history. */
  down(history: readonly string[]): string | null {
    if (this.#index === null) return null;
    if (this.#index < history.length - 1) {
      this.#index += 1;
      return history[this.#index] ?? '';
    }
    this.#index = null;
    return this.#draft;
  }

  /** Back to editing a new line (after Enter or an interrupt). */
  reset(): void {
    this.#index = null;
    this.#draft = '';
  }
}

/** The keys of the console input that interrupt, for a keydown event. */
export function isInterruptKey(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'metaKey'>,
  hasSelection: boolean,
): boolean {
  if (!event.ctrlKey || event.altKey || event.metaKey) return false;
  // Ctrl+C copies when text is selected, as in Windows Terminal; otherwise it interrupts.
  if (event.key.toLowerCase() === 'c') return !hasSelection;
  // Ctrl+] is telnet's escape character (on a JIS keyboard the key sits elsewhere: match both).
  return event.key === ']' || event.code === 'BracketRight';
}
