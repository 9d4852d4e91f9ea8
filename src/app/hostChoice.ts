/**
 * The host a per-host panel (console, IIS Manager, firewall, services, events) shows: the
 * learner's choice, else the IIS server, else the first host the panel offers. Scenarios are about
 * the IIS server, so it comes first by default; but each panel offers its own hosts (only Windows
 * hosts have a firewall or services), so a name counts only when the panel offers it: a panel never
 * shows a host missing from its host list.
 */
export function hostToShow(
  chosen: string | null,
  iisHost: string | null,
  hosts: readonly string[],
): string | null {
  if (chosen !== null && hosts.includes(chosen)) return chosen;
  if (iisHost !== null && hosts.includes(iisHost)) return iisHost;
  return hosts[0] ?? null;
}
