/**
 * The W3C log writer honours the log schedule (reference §4.1 file names; §5.1 rollover) and the
 * header block rule (§5.2: on each new file and after each service start).
 */
import { describe, expect, it } from 'vitest';
import { VirtualFs } from '../../../src/sim/fs/virtualFs';
import { LOG_DIR, W3cLog, type W3cEntry } from '../../../src/sim/logs/w3c';
import { defaultIisSettings, type LoggingSettings } from '../../../src/sim/smtp/iisSettings';

function writer(patch: Partial<LoggingSettings>, utcOffsetMinutes = 540) {
  const fs = new VirtualFs();
  const logging: LoggingSettings = {
    ...defaultIisSettings('web01.contoso.com', 'WEB01', 540).logging,
    enabled: true,
    fields: ['date', 'time', 'cs-method', 'sc-status'],
    ...patch,
  };
  const log = new W3cLog(
    fs,
    'SMTPSVC1',
    'WEB01',
    '10.0',
    () => logging,
    () => utcOffsetMinutes,
  );
  const write = (iso: string, method = 'NOOP') => log.write(entry(Date.parse(iso), method));
  const names = () => fs.list(LOG_DIR).map((f) => f.path.slice(LOG_DIR.length + 1));
  return {
    fs,
    log,
    logging,
    write,
    names,
    content: (name: string) => fs.readFile(`${LOG_DIR}\\${name}`)?.content ?? '',
  };
}

const entry = (time: number, method: string): W3cEntry => ({
  time,
  clientIp: '10.0.0.20',
  username: 'APP01',
  serverIp: '10.0.0.5',
  serverPort: 0,
  method,
  query: '',
  status: 250,
  win32Status: 0,
  bytesSent: 16,
  bytesReceived: 4,
  timeTaken: 0,
});

describe('W3C log file names by schedule', () => {
  it.each([
    ['daily', '2026-03-05T00:30:00Z', 'ex260305.log'],
    ['hourly', '2026-03-05T07:30:00Z', 'ex26030507.log'],
    ['monthly', '2026-03-05T00:30:00Z', 'ex2603.log'],
    ['unlimited', '2026-03-05T00:30:00Z', 'extend1.log'],
    ['size', '2026-03-05T00:30:00Z', 'extend1.log'],
    // March 2026 starts on a Sunday: the 1st–7th are week 01, the 8th–14th week 02.
    ['weekly', '2026-03-07T23:59:59Z', 'ex260301.log'],
    ['weekly', '2026-03-08T00:00:00Z', 'ex260302.log'],
    // April 2026 starts on a Wednesday: the 1st–4th are week 01, Sunday the 5th starts week 02.
    ['weekly', '2026-04-04T12:00:00Z', 'ex260401.log'],
    ['weekly', '2026-04-05T12:00:00Z', 'ex260402.log'],
    ['weekly', '2026-04-30T12:00:00Z', 'ex260405.log'],
  ] as const)('%s at %s → %s', (schedule, iso, name) => {
    const w = writer({ schedule });
    w.write(iso);
    expect(w.names()).toEqual([name]);
  });
});

describe('rollover', () => {
  it('should roll the daily file over at midnight UTC and start it with a header block', () => {
    const w = writer({});
    w.write('2026-03-05T23:59:59Z');
    w.write('2026-03-06T00:00:00Z', 'QUIT');
    expect(w.names()).toEqual(['ex260305.log', 'ex260306.log']);
    expect(w.content('ex260306.log')).toBe(
      '#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-03-06 00:00:00\r\n#Fields: date time cs-method sc-status \r\n2026-03-06 00:00:00 QUIT 250\r\n',
    );
  });

  it('should name and roll over by local time when asked, while the lines stay in UTC', () => {
    const w = writer({ localTimeNaming: true }, 540);
    w.write('2026-03-05T14:59:59Z'); // 23:59:59 in Tokyo
    w.write('2026-03-05T15:00:00Z'); // 00:00:00 on 6 March in Tokyo
    expect(w.names()).toEqual(['ex260305.log', 'ex260306.log']);
    expect(w.content('ex260306.log')).toContain('\r\n2026-03-05 15:00:00 NOOP 250\r\n');
  });

  it('should name files by UTC by default even far from UTC', () => {
    const w = writer({}, 540);
    w.write('2026-03-05T14:59:59Z');
    w.write('2026-03-05T15:00:00Z');
    expect(w.names()).toEqual(['ex260305.log']);
  });

  it('should start a new extendN.log when the size limit would be passed', () => {
    const w = writer({ schedule: 'size', maxSizeMb: 1 });
    const line = '2026-03-05 00:30:00 NOOP 250\r\n'.length;
    let n = 0;
    while (w.names().length < 2) {
      w.write('2026-03-05T00:30:00Z');
      n++;
    }
    expect(w.names()).toEqual(['extend1.log', 'extend2.log']);
    expect(w.content('extend1.log').length).toBeLessThanOrEqual(1024 * 1024);
    expect(w.content('extend1.log').length + line).toBeGreaterThan(1024 * 1024);
    expect(
      w
        .content('extend2.log')
        .startsWith('#Software: Microsoft Internet Information Services 10.0\r\n'),
    ).toBe(true);
    expect(n).toBeGreaterThan(30_000);
  });

  it('should write one header block per file, and a new one after a service restart', () => {
    const w = writer({});
    w.write('2026-03-05T01:00:00Z');
    w.write('2026-03-05T01:00:01Z');
    w.log.restart();
    w.write('2026-03-05T02:00:00Z');
    const c = w.content('ex260305.log');
    expect(c.match(/^#Software:/gm)).toHaveLength(2);
    expect(c.match(/^#Date: [\d: -]+/gm)).toEqual([
      '#Date: 2026-03-05 01:00:00',
      '#Date: 2026-03-05 02:00:00',
    ]);
  });

  it('should write nothing while logging is off or another format is active', () => {
    const off = writer({ enabled: false });
    off.write('2026-03-05T01:00:00Z');
    expect(off.names()).toEqual([]);
    const ncsa = writer({ format: 'ncsa' });
    ncsa.write('2026-03-05T01:00:00Z');
    expect(ncsa.names()).toEqual([]);
  });
});
