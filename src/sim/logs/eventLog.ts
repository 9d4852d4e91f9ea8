/**
 * Windows event log entries the world writes: smtpsvc 4000/4006 (Application) and Service Control
 * Manager 7036 (System). Texts from reference §6; the Japanese SCM pattern from ja-terms §4.3.
 */
import type { EventLogEntry, Locale } from '../world/types';

/**
 * smtpsvc reason texts with their HRESULTs (reference §6.2): 0xC0040000 + message number. The
 * three marked ✔ there are confirmed; the rest follow the same numbering (docs/fidelity.md).
 */
export const SMTP_REASONS = {
  ndrUndeliverable: {
    hresult: 0xc00402c7,
    text: 'This message is a delivery status notification that cannot be delivered.',
  },
  resources: {
    hresult: 0xc00402ca,
    text: 'Unable to deliver this message due to lack of system resources.',
  },
  hopCount: {
    hresult: 0xc00402cd,
    text: 'Unable to deliver message because the maximum hop count was exceeded.  This is a potential message routing loop.',
  },
  pickupError: { hresult: 0xc00402ce, text: 'Error is processing file in pickup directory.' },
  mailLoop: {
    hresult: 0xc00402cf,
    text: 'Unable to deliver the message because the destination address was misconfigured as a mail loop.',
  },
  unreachable: {
    hresult: 0xc00402d0,
    text: 'Unable to deliver the message because the final destination is unreachable.',
  },
  expired: {
    hresult: 0xc00402d1,
    text: 'Unable to deliver the message because the message has expired.',
  },
  noResponse: {
    hresult: 0xc00402d2,
    text: 'The remote server did not respond to a connection attempt.',
  },
  dropped: { hresult: 0xc00402d3, text: 'The connection was dropped by the remote host.' },
  dnsBind: { hresult: 0xc00402d5, text: 'Unable to bind to the destination server in DNS.' },
  noSuchDomain: { hresult: 0xc00402d6, text: 'Destination server does not exist.' },
  protocolError: { hresult: 0xc00402d7, text: 'An SMTP protocol error occurred.' },
  cannotConnect: {
    hresult: 0xc00402d8,
    text: 'Unable to make a connection to the destination server.',
  },
  tooManyRecipients: {
    hresult: 0xc00402da,
    text: 'The Message has too many recipients to deliver.',
  },
  tooLarge: { hresult: 0xc00402dc, text: 'The Message is too large to deliver.' },
  authRejected: { hresult: 0xc00402e3, text: 'The remote SMTP service rejected AUTH negotiation.' },
  authFailed: { hresult: 0xc00402e4, text: 'Failed to logon using AUTH.' },
  noTls: { hresult: 0xc00402e5, text: 'The remote SMTP service does not support TLS.' },
  startTlsError: {
    hresult: 0xc00402e6,
    text: 'The remote SMTP server responded with an error during the STARTTLS command.',
  },
  dnsInternal: {
    hresult: 0xc00402e7,
    text: 'An internal DNS error caused a failure to find the remote server.',
  },
  noNextHop: { hresult: 0xc00402f0, text: 'Unable to find the next hop for this destination.' },
  noDnsServer: { hresult: 0xc00402f2, text: 'SMTP could not connect to any DNS server.' },
} as const;
export type SmtpReason = keyof typeof SMTP_REASONS;

export function hresultText(reason: SmtpReason): string {
  return `0x${SMTP_REASONS[reason].hresult.toString(16).toUpperCase()}`;
}

/** The shared shape of smtpsvc's delivery warnings 4000 and 4006 (reference §6.1). */
function deliveryWarning(time: number, eventId: 4000 | 4006, message: string): EventLogEntry {
  return { log: 'Application', source: 'smtpsvc', eventId, level: 'Warning', time, message };
}

export function event4000(time: number, domain: string, reason: SmtpReason): EventLogEntry {
  const r = SMTP_REASONS[reason];
  return deliveryWarning(
    time,
    4000,
    `Message delivery to the remote domain '${domain}' failed for the following reason: ${r.text}\r\n\r\nData: 0000: ${r.hresult.toString(16)}`,
  );
}

export function event4006(
  time: number,
  hostIp: string,
  domain: string,
  reason: SmtpReason,
): EventLogEntry {
  return deliveryWarning(
    time,
    4006,
    `Message delivery to the host '${hostIp}' failed while delivering to the remote domain '${domain}' for the following reason: ${SMTP_REASONS[reason].text}`,
  );
}

const STATE_WORDS: Record<Locale, Record<'running' | 'stopped' | 'paused', string>> = {
  en: { running: 'running', stopped: 'stopped', paused: 'paused' },
  ja: { running: '実行中', stopped: '停止', paused: '一時停止' },
};

export function event7036(
  time: number,
  displayName: string,
  state: 'running' | 'stopped' | 'paused',
  locale: Locale,
): EventLogEntry {
  const word = STATE_WORDS[locale][state];
  return {
    log: 'System',
    source: 'Service Control Manager',
    eventId: 7036,
    level: 'Information',
    time,
    message:
      locale === 'ja'
        ? `${displayName} サービスは ${word} 状態に移行しました。`
        : `The ${displayName} service entered the ${word} state.`,
  };
}

type StartType = 'Automatic' | 'Manual' | 'Disabled';

/** SCM's words for start types in event 7040 (English / Japanese, ja-terms §4.3). */
const START_WORDS: Record<StartType, { en: string; ja: string }> = {
  Automatic: { en: 'auto start', ja: '自動的な開始' },
  Manual: { en: 'demand start', ja: '要求による開始' },
  Disabled: { en: 'disabled', ja: '無効' },
};

/** Service Control Manager 7040: a service's start type changed (reference §6.3). */
export function startTypeChanged(
  time: number,
  displayName: string,
  from: StartType,
  to: StartType,
  locale: Locale,
): EventLogEntry {
  return {
    log: 'System',
    source: 'Service Control Manager',
    eventId: 7040,
    level: 'Information',
    time,
    message:
      locale === 'ja'
        ? `${displayName} サービスの開始の種類は ${START_WORDS[from].ja} から ${START_WORDS[to].ja} に変更されました。`
        : `The start type of the ${displayName} service was changed from ${START_WORDS[from].en} to ${START_WORDS[to].en}.`,
  };
}

/**
 * smtpsvc 115 (System log): the virtual server could not open its listening socket, here because
 * another program holds the port (WSAEADDRINUSE, 10048 = 0x2740). The service itself keeps
 * running; only the instance is stopped (docs/fidelity.md: ID and text unconfirmed).
 */
export function event115(time: number, instance: number): EventLogEntry {
  return {
    log: 'System',
    source: 'smtpsvc',
    eventId: 115,
    level: 'Error',
    time,
    message: `The service could not bind instance ${instance}.  The data is the error code.\r\n\r\nData: 0000: 00002740`,
  };
}

/** Service Control Manager 7045: a feature's installation registered a service (ja-terms §4.3). */
export function event7045(
  time: number,
  service: { displayName: string; file: string; start: 'auto start' | 'demand start' },
  locale: Locale,
): EventLogEntry {
  const ja = locale === 'ja';
  const start = ja
    ? service.start === 'auto start'
      ? '自動開始'
      : '要求による開始'
    : service.start;
  return {
    log: 'System',
    source: 'Service Control Manager',
    eventId: 7045,
    level: 'Information',
    time,
    message: ja
      ? `サービスがシステムにインストールされました。\r\n\r\nサービス名:  ${service.displayName}\r\nサービス ファイル名:  ${service.file}\r\nサービスの種類:  ユーザー モード サービス\r\nサービスの開始の種類:  ${start}\r\nサービス アカウント:  LocalSystem`
      : `A service was installed in the system.\r\n\r\nService Name:  ${service.displayName}\r\nService File Name:  ${service.file}\r\nService Type:  user mode service\r\nService Start Type:  ${start}\r\nService Account:  LocalSystem`,
  };
}

/** srv 2013 (System log): Windows warns that a volume is at or near capacity (under 10 % free). */
export function event2013(time: number, locale: Locale): EventLogEntry {
  return {
    log: 'System',
    source: 'srv',
    eventId: 2013,
    level: 'Warning',
    time,
    message:
      locale === 'ja'
        ? 'C: ディスクの空き容量が不足しているか、不足しかけています。いくつかのファイルを削除する必要があります。'
        : 'The C: disk is at or near capacity.  You may need to delete some files.',
  };
}
