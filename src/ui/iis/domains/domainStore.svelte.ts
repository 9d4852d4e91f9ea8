/**
 * Editing state of a remote domain's Properties (Domains node, reference §4.7). It speaks the
 * ValueStore language so the shared controls (and the Outbound Security dialog) work on it; only
 * what the engine models per domain is enabled: relay to it, HELO, smart host route and TLS.
 */
import type { RemoteDomainSettings } from '../../../sim/smtp/iisSettings';
import { isModeled, type ValueStore } from '../sheet.svelte';

const MODELED = new Set(['allowRelay', 'sendHelo', 'route', 'smartHost', 'outboundSecurity.tls']);

export class DomainStore implements ValueStore {
  readonly name: string;
  #values = $state.raw<Record<string, unknown>>({});

  constructor(domain: RemoteDomainSettings) {
    this.name = domain.name;
    this.#values = {
      allowRelay: domain.allowRelay,
      sendHelo: domain.sendHelo,
      route: domain.smartHost === '' ? 'dns' : 'smarthost',
      smartHost: domain.smartHost,
      'outboundSecurity.auth': 'anonymous',
      'outboundSecurity.user': '',
      'outboundSecurity.password': '',
      'outboundSecurity.tls': domain.outboundTls,
    };
  }

  get(key: string): unknown {
    return this.#values[key];
  }

  set(key: string, value: unknown): void {
    this.#values = { ...this.#values, [key]: value };
  }

  error(): string | null {
    return null;
  }

  modeled(key: string): boolean {
    return MODELED.has(key) && isModeled('remoteDomains');
  }

  /** The domain as the `remoteDomains` setting stores it. */
  toSettings(): RemoteDomainSettings {
    const v = this.#values;
    return {
      name: this.name,
      allowRelay: v.allowRelay === true,
      sendHelo: v.sendHelo === true,
      smartHost: v.route === 'smarthost' ? String(v.smartHost ?? '').trim() : '',
      outboundTls: v['outboundSecurity.tls'] === true,
    };
  }
}
