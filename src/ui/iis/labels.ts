/**
 * Labels of enumerated values. Each key is looked up with a literal (the i18n test scans for
 * literal key lookups), hence the switches instead of building keys from the values.
 */
import { i18n } from '../../app/i18n.svelte';
import type { W3cField } from '../../sim/smtp/iisSettings';

/** Advanced tab of the logging properties: "Client IP Address" and its W3C token (ja-terms §1.4). */
export function logFieldLabel(field: W3cField): string {
  switch (field) {
    case 'date':
      return i18n.t('iis.logf.date');
    case 'time':
      return i18n.t('iis.logf.time');
    case 'c-ip':
      return i18n.t('iis.logf.cIp');
    case 'cs-username':
      return i18n.t('iis.logf.csUsername');
    case 's-sitename':
      return i18n.t('iis.logf.sSitename');
    case 's-computername':
      return i18n.t('iis.logf.sComputername');
    case 's-ip':
      return i18n.t('iis.logf.sIp');
    case 's-port':
      return i18n.t('iis.logf.sPort');
    case 'cs-method':
      return i18n.t('iis.logf.csMethod');
    case 'cs-uri-stem':
      return i18n.t('iis.logf.csUriStem');
    case 'cs-uri-query':
      return i18n.t('iis.logf.csUriQuery');
    case 'sc-status':
      return i18n.t('iis.logf.scStatus');
    case 'sc-win32-status':
      return i18n.t('iis.logf.scWin32Status');
    case 'sc-bytes':
      return i18n.t('iis.logf.scBytes');
    case 'cs-bytes':
      return i18n.t('iis.logf.csBytes');
    case 'time-taken':
      return i18n.t('iis.logf.timeTaken');
    case 'cs-version':
      return i18n.t('iis.logf.csVersion');
    case 'cs-host':
      return i18n.t('iis.logf.csHost');
    case 'cs(User-Agent)':
      return i18n.t('iis.logf.userAgent');
    case 'cs(Cookie)':
      return i18n.t('iis.logf.cookie');
    case 'cs(Referer)':
      return i18n.t('iis.logf.referer');
  }
}

/** "Active log format" choices, in the order of the IIS 6 drop-down. */
export function logFormatOptions(): { value: string; label: string }[] {
  return [
    { value: 'iis', label: i18n.t('iis.general.format.iis') },
    { value: 'ncsa', label: i18n.t('iis.general.format.ncsa') },
    { value: 'odbc', label: i18n.t('iis.general.format.odbc') },
    { value: 'w3c', label: i18n.t('iis.general.format.w3c') },
  ];
}

/** "Only the list below" / "All except the list below" of the Connection and Relay dialogs. */
export function listModeOptions(): { value: string; label: string }[] {
  return [
    { value: 'onlyList', label: i18n.t('iis.list.onlyList') },
    { value: 'allExceptList', label: i18n.t('iis.list.allExceptList') },
  ];
}
