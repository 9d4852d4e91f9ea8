/**
 * Get-PSDrive: how full volume C: is (the `disk-full` fault). Used and Free are in GB with two
 * decimals, as PowerShell 5.1's default table shows them; the other drives (registry, cert,
 * environment) are listed without sizes.
 */
import type { Command } from '../command';
import { bindPs } from '../args';
import { psBinding, psErrorRecord } from '../messages';

const GB = 1024 ** 3;

export const getPsDrive: Command = {
  names: ['Get-PSDrive', 'gdr'],
  shells: ['powershell'],
  summary: {
    en: 'Show drives and the free space on C:.',
    ja: 'ドライブと C: の空き領域を表示します。',
  },
  usage: 'Get-PSDrive C',
  run(args, env, line) {
    const b = bindPs(args, ['Name', 'PSProvider'], []);
    if (b.unknown) return psBinding.paramNotFound(env.msg, 'Get-PSDrive', line, b.unknown);
    const name = ((b.named.Name as string | undefined) ?? b.positional[0] ?? '').replace(/:$/, '');
    const free = env.host.freeBytes();
    const used = env.host.diskBytes() - free;
    const cwd = env.cwd.replace(/^C:\\?/i, '');
    const rows: [string, string, string, string, string, string][] = [
      ['C', (used / GB).toFixed(2), (free / GB).toFixed(2), 'FileSystem', 'C:\\', cwd],
      ['Cert', '', '', 'Certificate', '\\', ''],
      ['Env', '', '', 'Environment', '', ''],
      ['HKCU', '', '', 'Registry', 'HKEY_CURRENT_USER', ''],
      ['HKLM', '', '', 'Registry', 'HKEY_LOCAL_MACHINE', ''],
    ];
    const list = name ? rows.filter((r) => r[0].toLowerCase() === name.toLowerCase()) : rows;
    if (list.length === 0)
      return psErrorRecord(env.msg, {
        message: `Get-PSDrive : ${
          env.locale === 'ja'
            ? `ドライブが見つかりません。名前 '${name}' のドライブは存在しません。`
            : `Cannot find drive. A drive with the name '${name}' does not exist.`
        }`,
        line,
        category: `ObjectNotFound: (${name}:String) [Get-PSDrive], DriveNotFoundException`,
        id: 'GetLocationNoMatchingDrive,Microsoft.PowerShell.Commands.GetPSDriveCommand',
      });
    const row = (r: string[]) =>
      `${r[0]!.padEnd(14)} ${r[1]!.padStart(9)} ${r[2]!.padStart(13)} ${r[3]!.padEnd(13)} ${r[4]!.padEnd(20)} ${r[5]!.padStart(20)}`.trimEnd();
    return [
      '',
      row(['Name', 'Used (GB)', 'Free (GB)', 'Provider', 'Root', 'CurrentLocation']),
      row(['----', '---------', '---------', '--------', '----', '---------------']),
      ...list.map(row),
      '',
    ];
  },
};
