/**
 * The fault library: each kind is a typed, parameterised change to a world spec. What each one
 * changes, what evidence it leaves and how it is fixed is documented in docs/faults.md.
 */
import type { Fault, WorldSpec } from './schema';

export interface FaultProblem {
  /** Path inside the fault, e.g. ['host']. */
  path: PropertyKey[];
  message: string;
}

type FaultOf<K extends Fault['kind']> = Extract<Fault, { kind: K }>;
type Applier<K extends Fault['kind']> = (world: WorldSpec, fault: FaultOf<K>) => FaultProblem | null;

const needHost = (world: WorldSpec, name: string, role?: string): FaultProblem | null => {
  const h = world.hosts[name];
  if (!h) return { path: ['host'], message: `no host named '${name}' in the world (hosts: ${Object.keys(world.hosts).join(', ')})` };
  if (role && h.role !== role) return { path: ['host'], message: `host '${name}' is a ${h.role} host, expected ${role}` };
  return null;
};

const APPLIERS: { [K in Fault['kind']]: Applier<K> } = {
  /** An outbound block rule on the server's own firewall: connections to remote port N time out. */
  'firewall-block-outbound': (world, f) => {
    const problem = needHost(world, f.host);
    if (problem) return problem;
    const host = world.hosts[f.host]!;
    host.firewall ??= { enabled: true, rules: [] };
    host.firewall.rules.push({
      name: f.ruleName,
      displayName: f.ruleName,
      direction: 'out',
      action: 'block',
      enabled: true,
      protocol: 'TCP',
      localPort: 'Any',
      remotePort: String(f.port),
      remoteAddress: 'Any',
    });
    return null;
  },
};

export function applyFault(world: WorldSpec, fault: Fault): FaultProblem | null {
  const apply = APPLIERS[fault.kind] as Applier<typeof fault.kind>;
  return apply(world, fault);
}

export const FAULT_KINDS = Object.keys(APPLIERS) as Fault['kind'][];
