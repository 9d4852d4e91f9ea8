/**
 * Windows Defender Firewall from the console: Get-/Set-/Enable-/Disable-/Remove-/New-NetFirewallRule,
 * Set-NetFirewallProfile and `netsh advfirewall` (reference §8.6).
 */
import type { Command, CommandEnv } from '../command';
import { bindPs, keyValues } from '../args';
import { padEndCols } from '../columns';
import { ruleText, type FirewallRuleSpec } from '../../scenario/schema';
import type { Locale } from '../../world/types';
import { psBinding } from '../messages';

const NET_SECURITY = 'Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity';
/** `-Enabled` of a rule (True/False; `$true`/`$false` and 1/0 convert too), or null if not one. */
function ruleEnabled(value: string): boolean | null {
  const v = value.toLowerCase();
  if (['true', '$true', '1'].includes(v)) return true;
  if (['false', '$false', '0'].includes(v)) return false;
  return null;
}

const dirWord = (d: 'in' | 'out') => (d === 'in' ? 'Inbound' : 'Outbound');

/** The rule's display name as this Windows shows it (built-in rules follow the UI language). */
const shownName = (r: FirewallRuleSpec, locale: Locale) =>
  ruleText(r.displayName, locale) ?? r.name;
const shownGroup = (r: FirewallRuleSpec, locale: Locale) => ruleText(r.group, locale) ?? '';

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
  cmdlet: string,
  line: string,
): { rules: FirewallRuleSpec[]; error: string[] | null; named: Record<string, string | true> } {
  const b = bindPs(
    args,
    ['DisplayName', 'Name', 'Direction', 'Action', 'Enabled', 'DisplayGroup'],
    [],
  );
  if (b.unknown)
    return {
      rules: [],
      error: psBinding.paramNotFound(env.msg, cmdlet, line, b.unknown, cmdlet),
      named: b.named,
    };
  const display = (b.named.DisplayName as string | undefined) ?? b.positional[0];
  const name = b.named.Name as string | undefined;
  const group = b.named.DisplayGroup as string | undefined;
  const direction = (b.named.Direction as string | undefined)?.toLowerCase();
  const action = (b.named.Action as string | undefined)?.toLowerCase();
  const enabled = (b.named.Enabled as string | undefined)?.toLowerCase();
  const rules = env.host.firewall.rules.filter(
    (r) =>
      (display === undefined || like(shownName(r, env.locale), display)) &&
      (name === undefined || like(r.name, name)) &&
      (group === undefined || like(shownGroup(r, env.locale), group)) &&
      (direction === undefined || dirWord(r.direction).toLowerCase() === direction) &&
      (action === undefined || r.action === action) &&
      (enabled === undefined || String(r.enabled) === enabled),
  );
  return { rules, error: null, named: b.named };
}

/**
 * Get-NetFirewallRule's list view. Property names and enum values (True, Inbound, Allow) stay
 * English on a Japanese system; the display name, group and the Status text are localised.
 */
function describePs(r: FirewallRuleSpec, locale: Locale): string[] {
  const rows: [string, string][] = [
    ['Name', r.name],
    ['DisplayName', shownName(r, locale)],
    ['Description', ''],
    ['DisplayGroup', shownGroup(r, locale)],
    ['Group', shownGroup(r, locale)],
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
    [
      'Status',
      locale === 'ja'
        ? '規則は、ストアから正常に解析されました。 (65536)'
        : 'The rule was parsed successfully from the store. (65536)',
    ],
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
  run(args, env, line) {
    const { rules, error, named } = selectRules(env, args, 'Get-NetFirewallRule', line);
    if (error) return error;
    if (rules.length === 0)
      return named.DisplayName !== undefined || named.Name !== undefined
        ? noRule(env, 'Get-NetFirewallRule', named)
        : [];
    return ['', ...rules.flatMap((r) => describePs(r, env.locale))];
  },
};

function changeRules(
  cmdlet: string,
  change: (r: FirewallRuleSpec, env: CommandEnv, named: Record<string, string | true>) => void,
): Command['run'] {
  return (args, env, line) => {
    const { rules, error, named } = selectRules(env, args, cmdlet, line);
    if (error) return error;
    if (
      named.DisplayName === undefined &&
      named.Name === undefined &&
      args.every((a) => a.startsWith('-'))
    )
      return psBinding.missingMandatory(env.msg, cmdlet, line, ['DisplayName'], cmdlet);
    if (rules.length === 0) return noRule(env, cmdlet, named, args[0]);
    for (const r of rules) change(r, env, named);
    env.ctx.changed();
    return [];
  };
}

export const disableNetFirewallRule: Command = {
  names: ['Disable-NetFirewallRule'],
  shells: ['powershell'],
  summary: { en: 'Disable firewall rules.', ja: 'ファイアウォールの規則を無効にします。' },
  usage: 'Disable-NetFirewallRule -DisplayName "Rule name"',
  run: changeRules('Disable-NetFirewallRule', (r) => {
    r.enabled = false;
  }),
};

export const enableNetFirewallRule: Command = {
  names: ['Enable-NetFirewallRule'],
  shells: ['powershell'],
  summary: { en: 'Enable firewall rules.', ja: 'ファイアウォールの規則を有効にします。' },
  usage: 'Enable-NetFirewallRule -DisplayName "Rule name"',
  run: changeRules('Enable-NetFirewallRule', (r) => {
    r.enabled = true;
  }),
};

export const removeNetFirewallRule: Command = {
  names: ['Remove-NetFirewallRule'],
  shells: ['powershell'],
  summary: { en: 'Delete firewall rules.', ja: 'ファイアウォールの規則を削除します。' },
  usage: 'Remove-NetFirewallRule -DisplayName "Rule name"',
  run: changeRules('Remove-NetFirewallRule', (r, env) => {
    env.host.firewall.rules = env.host.firewall.rules.filter((x) => x !== r);
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
  run(args, env, line) {
    const cmdlet = 'Set-NetFirewallRule';
    const b = bindPs(args, ['DisplayName', 'Name', 'Enabled', 'Action', 'NewDisplayName'], []);
    if (b.unknown) return psBinding.paramNotFound(env.msg, cmdlet, line, b.unknown, cmdlet);
    // The binder converts -Enabled and -Action before any rule is looked up.
    const enabledText = b.named.Enabled === undefined ? undefined : String(b.named.Enabled);
    const enabled = enabledText === undefined ? undefined : ruleEnabled(enabledText);
    if (enabledText !== undefined && enabled === null)
      return psBinding.cannotConvertEnum(
        env.msg,
        cmdlet,
        line,
        {
          param: 'Enabled',
          value: enabledText,
          type: `${NET_SECURITY}.Enabled`,
          names: ['True', 'False'],
        },
        cmdlet,
      );
    const actionText = b.named.Action === undefined ? undefined : String(b.named.Action);
    const action = (['allow', 'block'] as const).find((a) => a === actionText?.toLowerCase());
    if (actionText !== undefined && !action)
      return psBinding.cannotConvertEnum(
        env.msg,
        cmdlet,
        line,
        {
          param: 'Action',
          value: actionText,
          type: `${NET_SECURITY}.Action`,
          names: ['NotConfigured', 'Allow', 'Block'],
        },
        cmdlet,
      );
    const selector = [
      ...(b.named.DisplayName ? ['-DisplayName', String(b.named.DisplayName)] : []),
      ...(b.named.Name ? ['-Name', String(b.named.Name)] : []),
      ...(b.positional[0] !== undefined && !b.named.DisplayName && !b.named.Name
        ? [b.positional[0]]
        : []),
    ];
    return changeRules(cmdlet, (r) => {
      if (typeof enabled === 'boolean') r.enabled = enabled;
      if (action) r.action = action;
    })(selector, env, line);
  },
};

export const newNetFirewallRule: Command = {
  names: ['New-NetFirewallRule'],
  shells: ['powershell'],
  summary: { en: 'Create a firewall rule.', ja: 'ファイアウォールの規則を作成します。' },
  usage:
    'New-NetFirewallRule -DisplayName "SMTP-In" -Direction Inbound -Protocol TCP -LocalPort 25 -Action Allow',
  run(args, env, line) {
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
      return psBinding.paramNotFound(
        env.msg,
        'New-NetFirewallRule',
        line,
        b.unknown,
        'New-NetFirewallRule',
      );
    const display = String(b.named.DisplayName ?? '');
    if (!display)
      return psBinding.missingMandatory(
        env.msg,
        'New-NetFirewallRule',
        line,
        ['DisplayName'],
        'New-NetFirewallRule',
      );
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
    return ['', ...describePs(rule, env.locale)];
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
  run(args, env, line) {
    const cmdlet = 'Set-NetFirewallProfile';
    const b = bindPs(args, ['Profile', 'Enabled', 'Name'], ['All']);
    if (b.unknown) return psBinding.paramNotFound(env.msg, cmdlet, line, b.unknown, cmdlet);
    // Without -Enabled the profiles keep their state; NotConfigured leaves it to the default (on).
    if (b.named.Enabled === undefined) return [];
    const text = String(b.named.Enabled);
    const enabled = /^notconfigured$|^2$/i.test(text) ? true : ruleEnabled(text);
    if (enabled === null)
      return psBinding.cannotConvertEnum(
        env.msg,
        cmdlet,
        line,
        {
          param: 'Enabled',
          value: text,
          type: `${NET_SECURITY}.GpoBoolean`,
          names: ['False', 'True', 'NotConfigured'],
        },
        cmdlet,
      );
    env.host.firewall.enabled = enabled;
    env.ctx.changed();
    return [];
  },
};

/** `netsh advfirewall firewall show rule` labels and values, which Japanese Windows translates. */
const NETSH = {
  en: {
    labels: [
      'Rule Name:',
      'Enabled:',
      'Direction:',
      'Profiles:',
      'Grouping:',
      'LocalIP:',
      'RemoteIP:',
      'Protocol:',
      'LocalPort:',
      'RemotePort:',
      'Edge traversal:',
      'Action:',
    ],
    yes: 'Yes',
    no: 'No',
    in: 'In',
    out: 'Out',
    profiles: 'Domain,Private,Public',
    any: 'Any',
    allow: 'Allow',
    block: 'Block',
    invalid: 'A specified value is not valid.',
    usage: (verb: string) => `Usage: ${verb} rule name=<string> ...`,
  },
  ja: {
    labels: [
      '規則名:',
      '有効:',
      '方向:',
      'プロファイル:',
      'グループ:',
      'ローカル IP:',
      'リモート IP:',
      'プロトコル:',
      'ローカル ポート:',
      'リモート ポート:',
      'エッジ トラバーサル:',
      '操作:',
    ],
    yes: 'はい',
    no: 'いいえ',
    in: '入力',
    out: '出力',
    profiles: 'ドメイン,プライベート,パブリック',
    any: '任意',
    allow: '許可',
    block: 'ブロック',
    invalid: '指定された値は無効です。',
    usage: (verb: string) => `使用法: ${verb} rule name=<文字列> ...`,
  },
};

/** One rule as netsh shows it: labels padded to 38 console columns, values after them. */
function describeNetsh(r: FirewallRuleSpec, locale: Locale): string[] {
  const t = NETSH[locale];
  const any = (v: string) => (/^(any|\*)$/i.test(v) ? t.any : v);
  const values = [
    r.enabled ? t.yes : t.no,
    r.direction === 'in' ? t.in : t.out,
    t.profiles,
    shownGroup(r, locale),
    t.any,
    any(r.remoteAddress),
    any(r.protocol),
    any(r.localPort),
    any(r.remotePort),
    t.no,
    r.action === 'allow' ? t.allow : t.block,
  ];
  const [nameLabel, ...labels] = t.labels as [string, ...string[]];
  return [
    `${padEndCols(nameLabel, 38)}${shownName(r, locale)}`,
    '-'.repeat(70),
    ...labels.map((label, i) => `${padEndCols(label, 38)}${values[i] ?? ''}`.trimEnd()),
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
    const t = NETSH[env.locale];
    const words = args.map((a) => a.toLowerCase());
    const notFound = [env.msg.netshNotFound(args.join(' '))];
    if (words[0] !== 'advfirewall') return notFound;
    if (words[1] === 'set' && words[3] === 'state') {
      env.host.firewall.enabled = words[4] === 'on';
      env.ctx.changed();
      return [env.msg.netshOk, ''];
    }
    if (words[1] !== 'firewall') return notFound;
    const verb = words[2];
    const kv = keyValues(args.slice(4));
    const newIdx = words.indexOf('new');
    const selectorKv = keyValues(args.slice(4, newIdx < 0 ? undefined : newIdx));
    const name = selectorKv.name ?? kv.name;
    const dir = selectorKv.dir;
    const match = (r: FirewallRuleSpec) =>
      (name === undefined ||
        name.toLowerCase() === 'all' ||
        shownName(r, env.locale).toLowerCase() === name.toLowerCase()) &&
      (dir === undefined || r.direction === dir.toLowerCase());
    if (words[3] !== 'rule') return notFound;
    if (verb === 'show') {
      const found = env.host.firewall.rules.filter(match);
      if (found.length === 0) return ['', env.msg.firewallNoMatch, ''];
      // A blank line between rules; `Ok.` right under the last one (reference §8.6).
      const blocks = found.map((r) => describeNetsh(r, env.locale));
      return ['', ...blocks.flatMap((b, i) => (i === 0 ? b : ['', ...b])), env.msg.netshOk, ''];
    }
    if (!name) return ['', t.invalid, '', t.usage(verb ?? '')];
    if (verb === 'delete') {
      const found = env.host.firewall.rules.filter(match);
      if (found.length === 0) return ['', env.msg.firewallNoMatch, ''];
      env.host.firewall.rules = env.host.firewall.rules.filter((r) => !match(r));
      env.ctx.changed();
      return ['', env.msg.firewallDeleted(found.length), env.msg.netshOk, ''];
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
      return ['', env.msg.firewallUpdated(found.length), env.msg.netshOk, ''];
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
      return [env.msg.netshOk, ''];
    }
    return notFound;
  },
};
