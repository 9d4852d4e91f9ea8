import { i18n } from '../../app/i18n.svelte';

/**
 * The world refuses a setting with a technical English reason (`expected a port from 1 to 65535`),
 * the same text a scenario author reads from the loader. The property sheets show the learner the
 * reason in their language: each kind of reason has its message; an unknown one is shown as is.
 */
export function settingErrorText(reason: string): string {
  const range = /^expected a whole number from (\d+) to (\d+)(, or null \(no limit\))?$/.exec(
    reason,
  );
  if (range) {
    const [, min, max] = range as unknown as [string, string, string];
    // A limit without a real upper bound (Number.MAX_SAFE_INTEGER) is "at least min"; "or null"
    // needs no words, the field's own check box turns the limit off.
    if (Number(max) > 2 ** 31) return i18n.t('iis.error.atLeast', { min });
    return i18n.t('iis.error.range', { min, max });
  }
  const length = /^expected text of at most (\d+) characters$/.exec(reason);
  if (length) return i18n.t('iis.error.textLength', { max: length[1] as string });
  switch (reason) {
    case 'expected a port from 1 to 65535':
      return i18n.t('iis.error.port');
    case 'expected a domain name':
    case 'expected a domain name, or empty':
      return i18n.t('iis.computer.badDomain');
    case 'expected a host name':
      return i18n.t('iis.error.hostName');
    case 'expected a host name or [IP address], or empty':
      return i18n.t('iis.error.smartHost');
    case 'expected a mail address, or empty':
      return i18n.t('iis.error.mailAddress');
    case 'expected four retry intervals in minutes':
      return i18n.t('iis.error.retryIntervals');
    case 'expected a password':
      return i18n.t('iis.error.password');
    case 'the session size limit must not be smaller than the message size limit':
      return i18n.t('iis.error.sessionBelowMessage');
    case "expected a list of { ip, port } ('' = All Unassigned)":
      return i18n.t('iis.error.bindings');
    case 'expected a list of { name, allowRelay, smartHost, outboundTls, sendHelo }':
      return i18n.t('iis.error.remoteDomain');
  }
  if (reason.startsWith('expected a folder path')) return i18n.t('iis.error.folder');
  return reason;
}

/** A whole `key: reason` error of `config.set`, as `settingErrorText` shows its reason. */
export function configErrorText(error: string): string {
  return settingErrorText(error.replace(/^[A-Za-z][\w.()[\]-]*: /, ''));
}
