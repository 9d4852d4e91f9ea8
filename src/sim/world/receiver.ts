/**
 * A remote mail server (Postfix-like, Gmail-like, Microsoft 365-like, another IIS): its dialect,
 * mailboxes, policy (receiverPolicy.ts) and, for a smart host, relaying onwards. Everything about
 * it is data from the scenario's receiver spec.
 */
import type { HostSpec } from '../scenario/schema';
import { dialects } from '../smtp/dialects';
import { openAccess } from '../smtp/policy';
import type { AcceptedMessage, SessionInput } from '../smtp/sessionMachine';
import type { ServerHooks } from '../smtp/connection';
import { runClientDialogue } from '../smtp/client';
import { domainOf } from '../smtp/commands';
import { evaluate, PolicyMemory, type ReceiverPolicy } from '../smtp/receiverPolicy';
import { directHops } from '../queue/routing';
import type { WorldContext } from './context';
import type { HostRuntime } from './host';

type ReceiverSpec = NonNullable<HostSpec['receiver']>;

const NO_POLICY: ReceiverPolicy = {
  requirePtr: false,
  requireFcrdns: false,
  dnsbl: [],
  spf: false,
  requireTls: false,
  requireFqdnHelo: false,
};
const HEX = '0123456789abcdef';
/**
 * EHLO SIZE when the scenario sets no limit: Postfix's message_size_limit default (reference
 * §10.1), the 150 MB Gmail and Exchange Online announce, IIS's 2048 KB (§4.3).
 */
const DEFAULT_MAX_BYTES: Record<string, number> = {
  postfix: 10_240_000,
  gmail: 157_286_400,
  outlook: 157_286_400,
  iis: 2_097_152,
  hmailserver: 20_971_520,
};

const hasChecks = (p: ReceiverPolicy) =>
  p.requirePtr ||
  p.requireFcrdns ||
  p.dnsbl.length > 0 ||
  p.spf ||
  p.requireTls ||
  p.requireFqdnHelo ||
  p.greylistMinutes !== undefined ||
  p.rateLimit !== undefined;

/** A message this server accepted for another domain (it relays for authenticated clients). */
export interface RelayedMessage {
  message: AcceptedMessage;
  rcpts: string[];
  state: 'pending' | 'forwarded' | 'failed';
  detail: string;
}

export class ReceiverServer implements ServerHooks {
  /** Delivered mail by recipient address (lower-case). */
  readonly mailboxes = new Map<string, AcceptedMessage[]>();
  readonly relayed: RelayedMessage[] = [];
  /** Greylist triplets and message counts, kept across connections. */
  readonly memory = new PolicyMemory();
  #queueCounter = 0;

  constructor(
    private readonly ctx: WorldContext,
    readonly host: HostRuntime,
    readonly spec: ReceiverSpec,
  ) {
    // A program on a Windows host (hMailServer next to IIS) shares the host with other listeners.
    const others = host.smtpListening;
    host.smtpListening = (port, localIp) => this.listens(port) || others(port, localIp);
    if (spec.service) host.programListening = (port) => this.listens(port);
  }

  /** Does this server answer on the port now (a program only while its Windows service runs)? */
  listens(port: number): boolean {
    if (!(this.spec.ports ?? [25]).includes(port)) return false;
    return !this.spec.service || this.host.service(this.spec.service)?.status === 'Running';
  }

  #local(domain: string): boolean {
    return this.spec.domains.some((d) => d.toLowerCase() === domain);
  }

  /** Gmail's per-connection tag, e.g. `5b1f17b1804b1-4123c2d5e3asi1234567f.77`. */
  #sessionTag(): string {
    const r = this.ctx.rng;
    return `${r.string(13, HEX)}-${r.string(11, HEX)}si${r.string(7, '0123456789')}${r.string(1, 'abcdef')}.${r.int(10, 99)}`;
  }

  #newQueueId(style: string): string {
    const r = this.ctx.rng;
    if (style === 'gmail') return String(Math.floor(this.ctx.clock.now() / 1000));
    if (style === 'outlook')
      return `<${r.string(8, HEX)}-${r.string(4, HEX)}-${r.string(4, HEX)}@${this.host.fqdn}>`;
    if (style === 'iis')
      return `<${this.host.name}${r.string(12, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}${(++this.#queueCounter).toString(16).toUpperCase().padStart(8, '0')}@${this.host.fqdn}>`;
    return r.string(10, '0123456789ABCDEF');
  }

  sessionInput(clientIp: string, serverIp: string): SessionInput {
    const spec = this.spec;
    const dialect = dialects[spec.dialect] ?? dialects.postfix!;
    const tag = dialect.id === 'gmail' ? this.#sessionTag() : '';
    const policy = spec.policy ?? NO_POLICY;
    const resolver = this.ctx.dns.via(this.host.spec.dns);
    const access = openAccess();
    return {
      dialect,
      clientIp,
      serverIp,
      admission: spec.busy ? 'tooManyConnections' : 'accept',
      config: {
        fqdn: this.host.fqdn,
        computerName: this.host.name,
        // Receivers show no software version; Gmail's texts print the connection tag here.
        version: tag,
        utcOffsetMinutes: 0,
        localDomains: spec.domains,
        mailboxes: spec.mailboxes?.map((m) => m.toLowerCase()) ?? null,
        relay: {
          mode: 'onlyList',
          list: spec.relay?.clients ?? [],
          domains: [],
          allowAuthenticated: spec.relay?.authenticated ?? false,
          relayDomains: [],
        },
        maxMessageBytes: spec.maxMessageKb
          ? spec.maxMessageKb * 1024
          : (DEFAULT_MAX_BYTES[dialect.id] ?? 10_240_000),
        maxRecipients: 1000,
        connectionTimeoutMs: 300_000,
        ...access,
        auth: {
          ...access.auth,
          basic: (spec.accounts ?? []).length > 0,
          accounts: spec.accounts ?? [],
        },
        tls: { certificate: spec.tls ?? true, required: false },
      },
      env: {
        clock: this.ctx.clock,
        newQueueId: (style) => this.#newQueueId(style),
        // No hook at all for a receiver without checks: the session then asks nothing.
        policy: hasChecks(policy)
          ? (stage, facts) =>
              evaluate(
                {
                  policy,
                  dialect: dialect.id,
                  resolver,
                  memory: this.memory,
                  now: this.ctx.clock.now(),
                  fqdn: this.host.fqdn,
                  sessionTag: tag,
                },
                stage,
                facts,
              )
          : undefined,
      },
    };
  }

  onReply(): void {}

  onMessage(message: AcceptedMessage): void {
    const onward: string[] = [];
    for (const rcpt of message.to) {
      if (!this.#local(domainOf(rcpt))) {
        onward.push(rcpt);
        continue;
      }
      const key = rcpt.toLowerCase();
      const box = this.mailboxes.get(key);
      if (box) box.push(message);
      else this.mailboxes.set(key, [message]);
    }
    if (onward.length > 0) {
      const relayed: RelayedMessage = { message, rcpts: onward, state: 'pending', detail: '' };
      this.relayed.push(relayed);
      // A smart host passes the mail on a moment later, with its own working Internet access.
      this.ctx.clock.setTimeout(() => this.#forward(relayed), 1_000);
    }
    this.ctx.changed();
  }

  /** Relay onwards to each domain's MX (one try; a smart host's own queue is not modelled). */
  #forward(r: RelayedMessage): void {
    const resolver = this.ctx.dns.via(this.host.spec.dns);
    const byDomain = new Map<string, string[]>();
    for (const rcpt of r.rcpts)
      byDomain.set(domainOf(rcpt), [...(byDomain.get(domainOf(rcpt)) ?? []), rcpt]);
    const failures: string[] = [];
    for (const [domain, rcpts] of byDomain) {
      const hop = directHops(resolver, domain).hops[0];
      const a = hop ? resolver.a(hop.name) : null;
      const ip = a?.kind === 'answer' ? a.records[0]?.ip : undefined;
      const opened = ip ? this.ctx.openSmtp(this.host, ip, 25) : null;
      if (!opened || opened.kind !== 'open') {
        failures.push(`${domain}: no connection`);
        continue;
      }
      const result = runClientDialogue(opened.conn, {
        helo: this.host.fqdn,
        from: r.message.from,
        rcpts,
        data: r.message.data,
      });
      failures.push(...result.failed.map((f) => `${f.rcpt}: ${f.reply}`));
    }
    r.state = failures.length === 0 ? 'forwarded' : 'failed';
    r.detail = failures.join('; ');
    this.ctx.changed();
  }
}
