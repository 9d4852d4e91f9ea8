/**
 * Windows Defender Firewall from the console: Get-/Set-/Enable-/Disable-/Remove-/New-NetFirewallRule,
 * Set-NetFirewallProfile and `netsh advfirewall` (reference §8.6).
 */
import type { Command, CommandEnv } from '../command';
import { bindPs, keyValues } from '../args';
import type { FirewallRuleSpec } from '../../scenario/schema';

const dirWord = (d: 'in' | 'out') => (d === 'in' ? 'Inbound' : 'Outbound');

/** Wildcard match as PowerShell's -like does (`*`, `?`), case-insensitive. */
function like(value: string, pattern: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
    'i',
  );
  return re.test(value);
}

function selectRules(
  env: CommandEnv,
  args: string[],
): { rules: FirewallRuleSpec[]; error: string | null; named: Record<string, string | true> } {
  const b = bindPs(
    args,
    ['DisplayName', 'Name', 'Direction', 'Action', 'Enabled', 'DisplayGroup'],
    [],
  );
  if (b.unknown)
    return {
      rules: [],
      error: `A parameter cannot be found that matches parameter name '${b.unknown}'.`,
      named: b.named,
    };
  const display = (b.named.DisplayName as string | undefined) ?? b.positional[0];
  const name = b.named.Name as string | undefined;
  const direction = (b.named.Direction as string | undefined)?.toLowerCase();
  const action = (b.named.Action as string | undefined)?.toLowerCase();
  const enabled = (b.named.Enabled as string | undefined)?.toLowerCase();
  const rules = env.host.firewall.rules.filter(
    (r) =>
      (display === undefined || like(r.displayName ?? r.name, display)) &&
      (name === undefined || like(r.name, name)) &&
      (direction === undefined || dirWord(r.direction).toLowerCase() === direction) &&
      (action === undefined || r.action === action) &&
      (enabled === undefined || String(r.enabled) === enabled),
  );
  return { rules, error: null, named: b.named };
}

function describePs(r: FirewallRuleSpec): string[] {
  const rows: [string, string][] = [
    ['Name', r.name],
    ['DisplayName', r.displayName ?? r.name],
    ['Description', ''],
    ['DisplayGroup', r.group ?? ''],
    ['Group', r.group ?? ''],
    ['Enabled', r.enabled ? 'True' : 'False'],
    ['Profile', 'Any'],
    ['Platform', '{}'],
    ['Direction', dirWord(r.direction)],
    ['Action', r.action === 'allow' ? 'Allow' : 'Block'],
    ['EdgeTraversalPolicy', 'Block'],
    ['LooseSourceMapping', 'False'],
    ['LocalOnlyMapping', 'False'],
    ['Owner', ''],
    ['PrimaryStatus', 'OK'],
    ['Status', 'The rule was parsed successfully from the store. (65536)'],
    ['EnforcementStatus', 'NotApplicable'],
    ['PolicyStoreSource', 'PersistentStore'],
    ['PolicyStoreSourceType', 'Local'],
  ];
  return [...rows.map(([k, v]) => `${k.padEnd(21)} : ${v}`), ''];
}

function noRule(
  env: CommandEnv,
  cmdlet: string,
  named: Record<string, string | true>,
  positional?: string,
): string[] {
  const value = String(named.DisplayName ?? named.Name ?? positional ?? '*');
  return [env.msg.psNoRule(value).replace('Get-NetFirewallRule', cmdlet), ''];
}

export const getNetFirewallRule: Command = {
  names: ['Get-NetFirewallRule'],
  shells: ['powershell'],
  summary: {
    en: 'List firewall rules (filter with -DisplayName, -Direction, -Action, -Enabled).',
    ja: 'ファイアウォールの規則を一覧表示します (-DisplayName、-Direction、-Action、-Enabled で絞り込み)。',
  },
  usage: 'Get-NetFirewallRule -Direction Outbound -Action Block',
  run(args, env) {
    const { rules, error, named } = selectRules(env, args);
    if (error) return [`Get-NetFirewallRule : ${error}`];
    if (rules.length === 0)
      return named.DisplayName !== undefined || named.Name !== undefined
        ? noRule(env, 'Get-NetFirewallRule', named)
        : [];
    return ['', ...rules.flatMap(describePs)];
  },
};

function changeRules(
  cmdlet: string,
  change: (
    r: FirewallRuleSpec,
    env: CommandEnv,
    named: Record<string, string | true>,
  ) => string | null,
): Command['run'] {
  return (args, env) => {
    const { rules, error, named } = selectRules(env, args);
    if (error) return [`${cmdlet} : ${error}`];
    if (
      named.DisplayName === undefined &&
      named.Name === undefined &&
      args.every((a) => a.startsWith('-'))
    )
      return [
        `${cmdlet} : Cannot process command because of one or more missing mandatory parameters: DisplayName.`,
      ];
    if (rules.length === 0) return noRule(env, cmdlet, named, args[0]);
    for (const r of rules) {
      const e = change(r, env, named);
      if (e) return [`${cmdlet} : ${e}`];
    }
    env.ctx.changed();
    return [];
  };
}

export const disableNetFirewallRule: Command = {
  names: ['Disable-NetFirewallRule'],
  shells: ['powershell'],
  summary: { en: 'Disable firewall rules.', ja: 'ファイアウォールの規則を無効にします。' },
  usage: 'Disable-NetFirewallRule -DisplayName "Rule name"',
  run: changeRules('Disable-NetFirewallRule', (r) => ((r.enabled = false), null)),
};

export const enableNetFirewallRule: Command = {
  names: ['Enable-NetFirewallRule'],
  shells: ['powershell'],
  summary: { en: 'Enable firewall rules.', ja: 'ファイアウォールの規則を有効にします。' },
  usage: 'Enable-NetFirewallRule -DisplayName "Rule name"',
  run: changeRules('Enable-NetFirewallRule', (r) => ((r.enabled = true), null)),
};

export const removeNetFirewallRule: Command = {
  names: ['Remove-NetFirewallRule'],
  shells: ['powershell'],
  summary: { en: 'Delete firewall rules.', ja: 'ファイアウォールの規則を削除します。' },
  usage: 'Remove-NetFirewallRule -DisplayName "Rule name"',
  run: changeRules('Remove-NetFirewallRule', (r, env) => {
    env.host.firewall.rules = env.host.firewall.rules.filter((x) => x !== r);
    return null;
  }),
};

export const setNetFirewallRule: Command = {
  names: ['Set-NetFirewallRule'],
  shells: ['powershell'],
  summary: {
    en: 'Change a firewall rule (-Enabled True|False, -Action Allow|Block).',
    ja: 'ファイアウォールの規則を変更します (-Enabled True|False、-Action Allow|Block)。',
  },
  usage: 'Set-NetFirewallRule -DisplayName "Rule name" -Enabled False',
  run(args, env) {
    const b = bindPs(args, ['DisplayName', 'Name', 'Enabled', 'Action', 'NewDisplayName'], []);
    const selector = [
      ...(b.named.DisplayName ? ['-DisplayName', String(b.named.DisplayName)] : []),
      ...(b.named.Name ? ['-Name', String(b.named.Name)] : []),
    ];
    return changeRules('Set-NetFirewallRule', (r) => {
      if (b.named.Enabled !== undefined) {
        const v = String(b.named.Enabled).toLowerCase();
        if (v !== 'true' && v !== 'false')
          return `Cannot bind parameter 'Enabled'. Specify True or False.`;
        r.enabled = v === 'true';
      }
      if (b.named.Action !== undefined) {
        const v = String(b.named.Action).toLowerCase();
        if (v !== 'allow' && v !== 'block')
          return `Cannot bind parameter 'Action'. Specify Allow or Block.`;
        r.action = v;
      }
      return null;
    })(selector, env, '');
  },
};

export const newNetFirewallRule: Command = {
  names: ['New-NetFirewallRule'],
  shells: ['powershell'],
  summary: { en: 'Create a firewall rule.', ja: 'ファイアウォールの規則を作成します。' },
  usage:
    'New-NetFirewallRule -DisplayName "SMTP-In" -Direction Inbound -Protocol TCP -LocalPort 25 -Action Allow',
  run(args, env) {
    const b = bindPs(
      args,
      [
        'DisplayName',
        'Name',
        'Direction',
        'Protocol',
        'LocalPort',
        'RemotePort',
        'Action',
        'RemoteAddress',
      ],
      [],
    );
    if (b.unknown)
      return [
        `New-NetFirewallRule : A parameter cannot be found that matches parameter name '${b.unknown}'.`,
      ];
    const display = String(b.named.DisplayName ?? '');
    if (!display)
      return [
        'New-NetFirewallRule : Cannot process command because of one or more missing mandatory parameters: DisplayName.',
      ];
    const rule: FirewallRuleSpec = {
      name: String(
        b.named.Name ??
          `{${env.ctx.rng.string(8, '0123456789abcdef')}-0000-4000-8000-000000000000}`,
      ),
      displayName: display,
      direction: String(b.named.Direction ?? 'Inbound')
        .toLowerCase()
        .startsWith('out')
        ? 'out'
        : 'in',
      action: String(b.named.Action ?? 'Allow').toLowerCase() === 'block' ? 'block' : 'allow',
      enabled: true,
      protocol: (['TCP', 'UDP'].includes(String(b.named.Protocol ?? 'Any').toUpperCase())
        ? String(b.named.Protocol).toUpperCase()
        : 'Any') as FirewallRuleSpec['protocol'],
      localPort: String(b.named.LocalPort ?? 'Any'),
      remotePort: String(b.named.RemotePort ?? 'Any'),
      remoteAddress: String(b.named.RemoteAddress ?? 'Any'),
    };
    env.host.firewall.rules.push(rule);
    env.ctx.changed();
    return ['', ...describePs(rule)];
  },
};

export const setNetFirewallProfile: Command = {
  names: ['Set-NetFirewallProfile'],
  shells: ['powershell'],
  summary: {
    en: 'Turn the firewall on or off for profiles.',
    ja: 'プロファイルのファイアウォールを有効または無効にします。',
  },
  usage: 'Set-NetFirewallProfile -Profile Domain,Public,Private -Enabled True',
  run(args, env) {
    const b = bindPs(args, ['Profile', 'Enabled', 'All'], []);
    const v = String(b.named.Enabled ?? '').toLowerCase();
    if (v !== 'true' && v !== 'false')
      return ['Set-NetFirewallProfile : Specify -Enabled True or False.'];
    env.host.firewall.enabled = v === 'true';
    env.ctx.changed();
    return [];
  },
};

function describeNetsh(r: FirewallRuleSpec): string[] {
  const rows: [string, string][] = [
    ['Enabled:', r.enabled ? 'Yes' : 'No'],
    ['Direction:', r.direction === 'in' ? 'In' : 'Out'],
    ['Profiles:', 'Domain,Private,Public'],
    ['Grouping:', r.group ?? ''],
    ['LocalIP:', 'Any'],
    ['RemoteIP:', r.remoteAddress],
    ['Protocol:', r.protocol],
    ['LocalPort:', r.localPort],
    ['RemotePort:', r.remotePort],
    ['Edge traversal:', 'No'],
    ['Action:', r.action === 'allow' ? 'Allow' : 'Block'],
  ];
  return [
    `${'Rule Name:'.padEnd(38)}${r.displayName ?? r.name}`,
    '-'.repeat(70),
    ...rows.map(([k, v]) => `${k.padEnd(38)}${v}`.trimEnd()),
    '',
  ];
}

export const netsh: Command = {
  names: ['netsh', 'netsh.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'netsh advfirewall firewall show|add|set|delete rule …; netsh advfirewall set allprofiles state on|off',
    ja: 'netsh advfirewall firewall show|add|set|delete rule …; netsh advfirewall set allprofiles state on|off',
  },
  usage: 'netsh advfirewall firewall show rule name=all dir=out',
  run(args, env) {
    const words = args.map((a) => a.toLowerCase());
    if (words[0] !== 'advfirewall')
      return ['The following command was not found: ' + args.join(' ') + '.'];
    if (words[1] === 'set' && words[3] === 'state') {
      env.host.firewall.enabled = words[4] === 'on';
      env.ctx.changed();
      return ['Ok.', ''];
    }
    if (words[1] !== 'firewall')
      return ['The following command was not found: ' + args.join(' ') + '.'];
    const verb = words[2];
    const kv = keyValues(args.slice(4));
    const newIdx = words.indexOf('new');
    const selectorKv = keyValues(args.slice(4, newIdx < 0 ? undefined : newIdx));
    const name = selectorKv.name ?? kv.name;
    const dir = selectorKv.dir;
    const match = (r: FirewallRuleSpec) =>
      (name === undefined ||
        name.toLowerCase() === 'all' ||
        (r.displayName ?? r.name).toLowerCase() === name.toLowerCase()) &&
      (dir === undefined || r.direction === dir.toLowerCase());
    if (words[3] !== 'rule')
      return ['The following command was not found: ' + args.join(' ') + '.'];
    if (verb === 'show') {
      const found = env.host.firewall.rules.filter(match);
      if (found.length === 0) return ['', env.msg.firewallNoMatch, ''];
      return ['', ...found.flatMap(describeNetsh), 'Ok.', ''];
    }
    if (!name) return ['A specified value is not valid.', 'Usage: ... rule name=<string> ...'];
    if (verb === 'delete') {
      const found = env.host.firewall.rules.filter(match);
      if (found.length === 0) return ['', env.msg.firewallNoMatch, ''];
      env.host.firewall.rules = env.host.firewall.rules.filter((r) => !match(r));
      env.ctx.changed();
      return ['', env.msg.firewallDeleted(found.length), 'Ok.', ''];
    }
    if (verb === 'set') {
      const found = env.host.firewall.rules.filter(match);
      if (found.length === 0) return ['', env.msg.firewallNoMatch, ''];
      const changes = newIdx < 0 ? {} : keyValues(args.slice(newIdx + 1));
      for (const r of found) {
        if (changes.enable) r.enabled = changes.enable.toLowerCase() === 'yes';
        if (changes.action) r.action = changes.action.toLowerCase() === 'block' ? 'block' : 'allow';
      }
      env.ctx.changed();
      return ['', env.msg.firewallUpdated(found.length), 'Ok.', ''];
    }
    if (verb === 'add') {
      env.host.firewall.rules.push({
        name,
        displayName: name,
        direction: kv.dir?.toLowerCase() === 'out' ? 'out' : 'in',
        action: kv.action?.toLowerCase() === 'block' ? 'block' : 'allow',
        enabled: kv.enable?.toLowerCase() !== 'no',
        protocol: (kv.protocol?.toUpperCase() === 'UDP'
          ? 'UDP'
          : kv.protocol
            ? 'TCP'
            : 'Any') as FirewallRuleSpec['protocol'],
        localPort: kv.localport ?? 'Any',
        remotePort: kv.remoteport ?? 'Any',
        remoteAddress: kv.remoteip ?? 'Any',
      });
      env.ctx.changed();
      return ['Ok.', ''];
    }
    return ['The following command was not found: ' + args.join(' ') + '.'];
  },
};
