/** Terminal texts of `npm run smtp`, in English and Japanese (ja-terms.md labels). */
import type { AdapterNotice, AdapterStats } from './adapter';

export type Lang = 'en' | 'ja';

interface Facts {
  scenarioId: string;
  file: string;
  listen: string;
  iisHost: string;
  iisIp: string;
  fromHost: string;
  fromIp: string;
  clock: string;
  offset: string;
  speed: number;
  w3cLines: number;
  events: number;
  /** Does the server offer STARTTLS, and can the real socket follow it? */
  tls: 'notOffered' | 'ready' | 'noCertificate';
}

/** Who dropped a connection attempt (ConnectOutcome.blockedBy). */
const BLOCKERS: Record<
  Lang,
  Record<Extract<AdapterNotice, { kind: 'timedOut' }>['blockedBy'], string>
> = {
  en: {
    'source-firewall': 'a firewall rule on the client host',
    perimeter: 'the perimeter firewall',
    isp: 'the ISP',
    'destination-firewall': "the server's Windows Defender Firewall",
  },
  ja: {
    'source-firewall': 'クライアント側ホストのファイアウォールの規則',
    perimeter: '境界ファイアウォール',
    isp: 'ISP',
    'destination-firewall': 'サーバーの Windows Defender ファイアウォール',
  },
};

export const messages = {
  en: {
    title: 'Mailroot Lab — SMTP adapter',
    intro: (f: Facts) => [
      `Scenario:  ${f.scenarioId} (${f.file})`,
      `Listening: ${f.listen} (loopback only unless --allow-remote)`,
      `Each connection reaches the IIS SMTP virtual server on ${f.iisHost} (${f.iisIp}:25) as if it came from ${f.fromHost} (${f.fromIp}).`,
      `Virtual clock: ${f.clock} (UTC${f.offset}), ${f.speed}× real time.`,
      `STARTTLS: ${
        f.tls === 'notOffered'
          ? `not offered (${f.iisHost} has no server certificate in this scenario)`
          : f.tls === 'ready'
            ? 'offered; the real TLS uses a test certificate (clients must trust it or skip verification)'
            : 'offered, but there is no certificate for the real TLS (pass --tls-cert and --tls-key, or install openssl); a client that starts TLS is disconnected'
      }.`,
      `Logs so far: ${f.w3cLines} W3C line(s), ${f.events} event(s), not shown. New entries appear below.`,
      'Stop with Ctrl+C.',
    ],
    briefing: 'Briefing',
    notice: (n: AdapterNotice) => {
      switch (n.kind) {
        case 'open':
          return `${n.peer} connected; the server sees client ${n.clientIp}`;
        case 'refused':
          return `${n.peer} refused: nothing listens on ${n.host} port 25 in the simulation; connection reset`;
        case 'unreachable':
          return `${n.peer} cannot reach the server in the simulation; connection reset`;
        case 'timedOut':
          return `${n.peer} dropped by ${BLOCKERS.en[n.blockedBy]} in the simulation; silent until the connect timeout`;
        case 'closed':
          return `${n.peer} closed`;
        case 'tls':
          return `${n.peer} switched to TLS`;
        case 'tlsUnavailable':
          return `${n.peer} asked for TLS but no certificate is configured; connection closed`;
        case 'overflow':
          return `${n.peer} sent ${n.bytes} bytes without CRLF; connection closed`;
        case 'error':
          return `${n.peer} ${n.detail}`;
      }
    },
    stopped: (s: AdapterStats, clock: string, queue: number, iisHost: string) => [
      '',
      `Stopped. Sessions: ${s.sessions} (refused ${s.refused}, timed out ${s.timedOut}); lines received: ${s.linesIn}; TLS upgrades: ${s.tlsUpgrades}.`,
      `Replies: 2xx ${s.replies['2']}, 3xx ${s.replies['3']}, 4xx ${s.replies['4']}, 5xx ${s.replies['5']}.`,
      `Virtual clock now ${clock}; ${iisHost} Queue folder: ${queue} message(s).`,
    ],
  },
  ja: {
    title: 'Mailroot Lab — SMTP アダプター',
    intro: (f: Facts) => [
      `シナリオ: ${f.scenarioId} (${f.file})`,
      `待ち受け: ${f.listen} (--allow-remote を指定しない限りループバックのみ)`,
      `接続はすべて ${f.fromHost} (${f.fromIp}) からの接続として、${f.iisHost} (${f.iisIp}:25) の IIS SMTP 仮想サーバーに届きます。`,
      `仮想時計: ${f.clock} (UTC${f.offset})、実時間の ${f.speed} 倍で進みます。`,
      `STARTTLS: ${
        f.tls === 'notOffered'
          ? `提供しません (このシナリオの ${f.iisHost} にはサーバー証明書がありません)`
          : f.tls === 'ready'
            ? '提供します。実際の TLS にはテスト用の証明書を使います (クライアント側で信頼するか、検証を省略してください)'
            : '提供しますが、実際の TLS に使う証明書がありません (--tls-cert と --tls-key を指定するか、openssl をインストールしてください)。TLS を開始したクライアントは切断されます'
      }。`,
      `これまでのログ: W3C ログ ${f.w3cLines} 行、イベント ${f.events} 件 (表示しません)。新しいエントリを以下に表示します。`,
      '終了するには Ctrl+C を押してください。',
    ],
    briefing: 'ブリーフィング',
    notice: (n: AdapterNotice) => {
      switch (n.kind) {
        case 'open':
          return `${n.peer} が接続しました。サーバーから見たクライアントは ${n.clientIp} です`;
        case 'refused':
          return `${n.peer} の接続は拒否されました: シミュレーション上で ${n.host} のポート 25 が待ち受けていません。接続をリセットします`;
        case 'unreachable':
          return `${n.peer} からはシミュレーション上でサーバーに到達できません。接続をリセットします`;
        case 'timedOut':
          return `${n.peer} の接続はシミュレーション上で${BLOCKERS.ja[n.blockedBy]}により破棄されました。接続タイムアウトまで応答しません`;
        case 'closed':
          return `${n.peer} が切断しました`;
        case 'tls':
          return `${n.peer} が TLS に切り替わりました`;
        case 'tlsUnavailable':
          return `${n.peer} が TLS を要求しましたが、証明書が構成されていません。接続を閉じます`;
        case 'overflow':
          return `${n.peer} から CRLF のない入力を ${n.bytes} バイト受信しました。接続を閉じます`;
        case 'error':
          return `${n.peer} ${n.detail}`;
      }
    },
    stopped: (s: AdapterStats, clock: string, queue: number, iisHost: string) => [
      '',
      `停止しました。セッション: ${s.sessions} (拒否 ${s.refused}、タイムアウト ${s.timedOut})、受信した行: ${s.linesIn}、TLS 切り替え: ${s.tlsUpgrades}。`,
      `応答: 2xx ${s.replies['2']}、3xx ${s.replies['3']}、4xx ${s.replies['4']}、5xx ${s.replies['5']}。`,
      `仮想時計: ${clock}。${iisHost} の Queue フォルダー: ${queue} 通。`,
    ],
  },
} satisfies Record<Lang, unknown>;
