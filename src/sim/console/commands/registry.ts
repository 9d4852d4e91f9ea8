/** Every console command, in the order `help` lists them. */
import type { Command } from '../command';
import * as network from './network';
import { nslookup } from './nslookup';
import * as firewall from './firewall';
import * as files from './files';
import * as services from './services';
import * as shell from './shell';
import * as serviceConfig from './serviceConfig';
import * as fileOps from './fileOps';
import * as search from './search';
import * as events from './events';
import * as mail from './mail';
import * as dnsServer from './dnsServer';
import * as sockets from './sockets';
import * as processes from './processes';
import * as drives from './drives';
import * as features from './features';

let all: Command[] | null = null;

export function allCommands(): Command[] {
  all ??= [
    network.testNetConnection,
    network.telnet,
    nslookup,
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
    fileOps.removeItem,
    fileOps.moveItem,
    fileOps.mkdir,
    fileOps.delCmd,
    fileOps.moveCmd,
    fileOps.mkdirCmd,
    search.selectString,
    search.findstr,
    events.getEventLog,
    events.getWinEvent,
    mail.sendMailMessage,
    dnsServer.getDnsServerResourceRecord,
    dnsServer.addDnsServerResourceRecordMX,
    dnsServer.addDnsServerResourceRecordA,
    dnsServer.addDnsServerResourceRecordPtr,
    sockets.netstat,
    sockets.getNetTcpConnection,
    processes.tasklist,
    processes.getProcess,
    processes.stopProcess,
    processes.taskkill,
    drives.getPsDrive,
    features.getWindowsFeature,
    features.installWindowsFeature,
    services.getService,
    services.startService,
    services.stopService,
    services.restartService,
    services.suspendService,
    services.resumeService,
    services.net,
    services.sc,
    serviceConfig.setService,
    shell.help,
    shell.history,
    shell.cls,
    shell.hostname,
    shell.ipconfig,
    shell.cmd,
    shell.powershell,
    shell.exit,
  ];
  return all;
}
