/** Every console command, in the order `help` lists them. */
import type { Command } from '../command';
import * as network from './network';
import * as firewall from './firewall';
import * as files from './files';
import * as services from './services';
import * as shell from './shell';

let all: Command[] | null = null;

export function allCommands(): Command[] {
  all ??= [
    network.testNetConnection,
    network.telnet,
    network.nslookup,
    network.resolveDnsName,
    network.ping,
    firewall.getNetFirewallRule,
    firewall.disableNetFirewallRule,
    firewall.enableNetFirewallRule,
    firewall.setNetFirewallRule,
    firewall.removeNetFirewallRule,
    firewall.newNetFirewallRule,
    firewall.setNetFirewallProfile,
    firewall.netsh,
    files.dir,
    files.type,
    files.cd,
    services.getService,
    services.startService,
    services.stopService,
    services.restartService,
    services.net,
    services.sc,
    shell.help,
    shell.history,
    shell.cls,
    shell.hostname,
    shell.ipconfig,
    shell.cmd,
    shell.powershell,
  ];
  return all;
}
