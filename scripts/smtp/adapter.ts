/**
 * Serves a world's IIS SMTP virtual server on a real TCP port. Each TCP connection becomes one
 * session of the unchanged engine, opened through the simulated network as if from a host of the
 * world, so relay policy, firewalls and the service state apply exactly as for that host.
 *
 * The adapter moves bytes, nothing more: framing is in framing.ts, every reply comes from the
 * engine. Its one look at the conversation is the engine's 220 to STARTTLS, the cue to switch the
 * real socket to TLS (transport, RFC 3207 §4).
 */
import net from 'node:net';
import tls from 'node:tls';
import type { World } from '../../src/sim/index';
import type { SmtpConnection } from '../../src/sim/smtp/connection';
import { CONNECT_TIMEOUT_MS } from '../../src/sim/net/network';
import { LineFramer, MAX_PENDING_BYTES, encodeReply } from './framing';

export interface AdapterOptions {
  world: World;
  /** World host the connections come from; the engine sees its address as the client IP. */
  fromHost: string;
  /** World host whose IIS virtual server answers (its first address, port 25). */
  iisHost: string;
  /** Real address to listen on; loopback unless `allowRemote`. */
  host?: string;
  /** Real port; 0 picks a free one. */
  port?: number;
  allowRemote?: boolean;
  /** Certificate and key for the real TLS upgrade after the engine accepts STARTTLS. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Real ms a connection the world drops (firewall) stays silent before it is closed. */
  silentCloseMs?: number;
  /** The world changed through a connection (new log lines may be there). */
  onActivity?: () => void;
  onNotice?: (notice: AdapterNotice) => void;
}

export type AdapterNotice =
  | { kind: 'open'; peer: string; clientIp: string }
  | { kind: 'refused'; peer: string; host: string }
  | {
      kind: 'timedOut';
      peer: string;
      blockedBy: 'source-firewall' | 'perimeter' | 'isp' | 'destination-firewall';
    }
  | { kind: 'unreachable' | 'closed' | 'tls' | 'tlsUnavailable'; peer: string }
  | { kind: 'overflow'; peer: string; bytes: number }
  | { kind: 'error'; peer: string; detail: string };

export interface AdapterStats {
  sessions: number;
  refused: number;
  timedOut: number;
  linesIn: number;
  /** Final reply lines sent, by first digit (2, 3, 4, 5). */
  replies: Record<'2' | '3' | '4' | '5', number>;
  tlsUpgrades: number;
}

export interface SmtpAdapter {
  readonly address: { host: string; port: number };
  readonly stats: AdapterStats;
  /** TCP connections currently open (engine sessions and silent, dropped ones). */
  readonly openConnections: number;
  /** Stop listening and drop every open connection. */
  close(): Promise<void>;
}

/** 127.0.0.0/8, ::1 and `localhost` (also as IPv4-mapped IPv6). */
export function isLoopbackAddress(host: string): boolean {
  const h = host.toLowerCase().replace(/^::ffff:/, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Start listening; resolves once the port is bound. */
export async function startSmtpAdapter(opts: AdapterOptions): Promise<SmtpAdapter> {
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopbackAddress(host) && !opts.allowRemote) {
    throw new Error(
      `refusing to listen on ${host}: not a loopback address (pass allowRemote to expose the simulator)`,
    );
  }
  const { ctx } = opts.world.internals;
  const from = ctx.hosts.get(opts.fromHost);
  const iis = ctx.hosts.get(opts.iisHost);
  if (!from) throw new Error(`no host named '${opts.fromHost}' in the world`);
  if (!iis) throw new Error(`no host named '${opts.iisHost}' in the world`);
  const iisIp = iis.ips[0] as string;

  const stats: AdapterStats = {
    sessions: 0,
    refused: 0,
    timedOut: 0,
    linesIn: 0,
    replies: { '2': 0, '3': 0, '4': 0, '5': 0 },
    tlsUpgrades: 0,
  };
  const sockets = new Set<net.Socket>();
  const engineConns = new Set<SmtpConnection>();
  const notice = (n: AdapterNotice) => opts.onNotice?.(n);
  const activity = () => {
    ctx.changed();
    opts.onActivity?.();
  };

  function serve(socket: net.Socket): void {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined); // resets by the client end the session through 'close'
    socket.setNoDelay(true);

    const opened = ctx.openSmtp(from!, iisIp, 25);
    if (opened.kind === 'refused' || opened.kind === 'unreachable') {
      // The handshake already happened on the real port; an RST is the nearest thing to a refusal.
      stats.refused++;
      notice(
        opened.kind === 'refused'
          ? { kind: 'refused', peer, host: opts.iisHost }
          : { kind: 'unreachable', peer },
      );
      socket.resetAndDestroy();
      return;
    }
    if (opened.kind === 'timedOut') {
      // A dropped SYN: the client hears nothing until it gives up; we hang up after the same wait.
      stats.timedOut++;
      notice({ kind: 'timedOut', peer, blockedBy: opened.blockedBy });
      socket.resume();
      const timer = setTimeout(() => socket.destroy(), opts.silentCloseMs ?? CONNECT_TIMEOUT_MS);
      socket.on('close', () => clearTimeout(timer));
      return;
    }

    const conn = opened.conn;
    stats.sessions++;
    engineConns.add(conn);
    notice({ kind: 'open', peer, clientIp: opened.outcome.sourceIp });
    let io: net.Socket | tls.TLSSocket = socket;
    const framer = new LineFramer();

    const write = (lines: string[]) => {
      if (lines.length === 0 || io.destroyed) return;
      const code = (lines[lines.length - 1] as string)[0] as keyof AdapterStats['replies'];
      if (code in stats.replies) stats.replies[code]++;
      io.write(encodeReply(lines));
    };
    const hangUpIfClosed = () => {
      if (conn.closed && !io.destroyed) io.end();
    };

    const upgrade = () => {
      framer.discard();
      socket.removeListener('data', onData);
      if (!opts.tls) {
        notice({ kind: 'tlsUnavailable', peer });
        conn.close();
        socket.destroy();
        return;
      }
      const secure = new tls.TLSSocket(socket, {
        isServer: true,
        secureContext: tls.createSecureContext(opts.tls),
      });
      secure.on('secure', () => {
        stats.tlsUpgrades++;
        notice({ kind: 'tls', peer });
      });
      secure.on('error', (err) => {
        notice({ kind: 'error', peer, detail: `TLS: ${err.message}` });
        conn.close();
        secure.destroy();
      });
      secure.on('data', onData);
      io = secure;
    };

    function onData(chunk: Buffer): void {
      for (const line of framer.push(chunk)) {
        if (conn.closed) break;
        stats.linesIn++;
        const replies = conn.send(line);
        write(replies);
        // RFC 3207 §4: after "220" to STARTTLS the next bytes are the TLS handshake.
        if (/^STARTTLS$/i.test(line.trim()) && /^220 /.test(replies[replies.length - 1] ?? '')) {
          upgrade();
          break;
        }
      }
      if (framer.pendingBytes > MAX_PENDING_BYTES) {
        notice({ kind: 'overflow', peer, bytes: framer.pendingBytes });
        conn.close();
        io.destroy();
      }
      hangUpIfClosed();
      activity();
    }

    // The idle-timeout 421 arrives on its own when the virtual clock passes the limit; the engine
    // marks the session closed just after the reply, so look once the current event is done.
    conn.onUnsolicited((lines) => {
      write(lines);
      queueMicrotask(hangUpIfClosed);
    });
    socket.on('data', onData);
    socket.on('close', () => {
      if (!conn.closed) conn.close();
      engineConns.delete(conn);
      notice({ kind: 'closed', peer });
      activity();
    });
    write(conn.greeting);
    hangUpIfClosed();
    activity();
  }

  const server = net.createServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 2525, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as net.AddressInfo;

  return {
    address: { host: bound.address, port: bound.port },
    stats,
    get openConnections() {
      return sockets.size;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const conn of engineConns) conn.close();
        for (const s of sockets) s.destroy();
      }),
  };
}
