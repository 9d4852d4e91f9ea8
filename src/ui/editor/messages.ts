/**
 * The one-line messages the editor page shows after an action (EditorMessages.svelte), and their
 * wording where an action was refused.
 */
import type { FileProblem } from '../../app/editor/files';
import type { ShareLinkProblem } from '../../app/editor/shareLink';
import { i18n } from '../../app/i18n.svelte';

/** `ok` is announced politely (a status), `error` at once (an alert). */
export type Message = { tone: 'ok' | 'error'; text: string };

export function okMessage(text: string): Message {
  return { tone: 'ok', text };
}

export function errorMessage(text: string): Message {
  return { tone: 'error', text };
}

/** Why the file `name` could not be opened. */
export function fileProblemMessage(problem: FileProblem, name: string): Message {
  switch (problem) {
    case 'too-large':
      return errorMessage(i18n.t('editor.file.tooLarge', { name }));
    case 'not-text':
      return errorMessage(i18n.t('editor.file.notText', { name }));
    case 'unreadable':
      return errorMessage(i18n.t('editor.file.readFailed', { name }));
  }
}

/** Why a shared link could not be opened. */
export function linkProblemMessage(problem: ShareLinkProblem): Message {
  switch (problem) {
    case 'too-large':
      return errorMessage(i18n.t('editor.link.tooLarge'));
    case 'damaged':
      return errorMessage(i18n.t('editor.link.damaged'));
  }
}
