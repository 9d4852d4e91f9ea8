import type { Locale } from '../../sim';

/**
 * Display names of the scenario topic folders (scenarios/<topic>/). A folder not listed here is
 * shown by its slug, so adding a folder never breaks the catalog.
 */
export const topicNames: Record<string, Record<Locale, string>> = {
  setup: { en: 'Setting up the virtual server', ja: '仮想サーバーのセットアップ' },
  connection: { en: 'Connection errors', ja: '接続エラー' },
  connections: { en: 'Connection errors', ja: '接続エラー' },
  queue: { en: 'Stuck queue', ja: 'キューの滞留' },
  logs: { en: 'Reading logs', ja: 'ログの読み方' },
  relay: { en: 'Relay restrictions', ja: '中継の制限' },
  auth: { en: 'Authentication', ja: '認証' },
  dns: { en: 'DNS (MX and PTR records)', ja: 'DNS (MX レコードと PTR レコード)' },
  delivery: { en: 'Delivery to remote servers', ja: 'リモート サーバーへの配信' },
  security: { en: 'Security and hardening', ja: 'セキュリティ対策と強化' },
  faq: { en: 'FAQ', ja: 'よくある質問' },
  sandbox: { en: 'Free play', ja: 'フリー プレイ' },
};
