/** A remote mail server (Postfix-like, big provider...): its mailboxes and policy. */
import type { HostSpec } from '../scenario/schema';
import { dialects } from '../smtp/dialects';
import type { AcceptedMessage, SessionInput } from '../smtp/sessionMachine';
import type { ServerHooks } from '../smtp/connection';
import type { WorldContext } from './context';
import type { HostRuntime } from './host';

export class ReceiverServer implements ServerHooks {
  /** Delivered mail by recipient address (lower-case). */
  readonly mailboxes = new Map<string, AcceptedMessage[]>();
  constructor(
    private readonly ctx: WorldContext,
    readonly host: HostRuntime,
    readonly spec: NonNullable<HostSpec['receiver']>,
  ) {
    host.smtpListening = (port) => port === 25;
  }

  sessionInput(clientIp: string, serverIp: string): SessionInput {
    const dialect = dialects[this.spec.dialect] ?? dialects.postfix!;
    return {
      dialect,
      clientIp,
      serverIp,
      config: {
        fqdn: this.host.fqdn,
        computerName: this.host.name,
        version: '',
        utcOffsetMinutes: 0,
        localDomains: this.spec.domains,
        mailboxes: this.spec.mailboxes?.map((m) => m.toLowerCase()) ?? null,
        relay: { mode: 'onlyList', list: [], allowAuthenticated: false, relayDomains: [] },
        maxMessageBytes: this.spec.maxMessageKb ? this.spec.maxMessageKb * 1024 : 10_240_000,
        maxRecipients: 1000,
        connectionTimeoutMs: 300_000,
      },
      env: {
        now: () => this.ctx.clock.now(),
        newQueueId: () => this.ctx.rng.string(10, '0123456789ABCDEF'),
      },
    };
  }

  onReply(): void {}

  onMessage(message: AcceptedMessage): void {
    for (const rcpt of message.to) {
      const key = rcpt.toLowerCase();
      this.mailboxes.set(key, [...(this.mailboxes.get(key) ?? []), message]);
    }
    this.ctx.changed();
  }
}
