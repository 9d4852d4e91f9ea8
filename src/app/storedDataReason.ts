import { i18n } from './i18n.svelte';
import type { ProgressProblem } from './progress';

/**
 * Why something stored in this browser (a progress record, an editor draft) was not read, in the
 * learner's words. Literal keys, so the i18n key scan sees them.
 */
export function storedDataReason(reason: ProgressProblem['reason']): string {
  switch (reason) {
    case 'too-large':
      return i18n.t('progress.reason.tooLarge');
    case 'not-json':
      return i18n.t('progress.reason.notJson');
    case 'wrong-shape':
      return i18n.t('progress.reason.wrongShape');
    case 'unknown-version':
      return i18n.t('progress.reason.unknownVersion');
    case 'bad-id':
      return i18n.t('progress.reason.badId');
    case 'bad-entry':
      return i18n.t('progress.reason.badEntry');
    case 'too-many':
      return i18n.t('progress.reason.tooMany');
  }
}
