import { describe, expect, it } from 'vitest';
import { HistoryWalker, isInterruptKey } from '../../../src/app/history';

describe('HistoryWalker', () => {
  const entries = ['hostname', 'ipconfig', 'Get-Service SMTPSVC'];

  it('should walk back and forth and restore the draft', () => {
    const walker = new HistoryWalker();
    expect(walker.down(entries)).toBeNull();
    expect(walker.up(entries, 'dra')).toBe('Get-Service SMTPSVC');
    expect(walker.up(entries, 'Get-Service SMTPSVC')).toBe('ipconfig');
    expect(walker.up(entries, 'ipconfig')).toBe('hostname');
    expect(walker.up(entries, 'hostname')).toBe('hostname');
    expect(walker.down(entries)).toBe('ipconfig');
    expect(walker.down(entries)).toBe('Get-Service SMTPSVC');
    expect(walker.down(entries)).toBe('dra');
    expect(walker.walking).toBe(false);
    expect(walker.down(entries)).toBeNull();
  });

  it('should do nothing without history and start over after reset', () => {
    const walker = new HistoryWalker();
    expect(walker.up([], 'x')).toBeNull();
    walker.up(entries, 'x');
    walker.reset();
    expect(walker.up(entries, '')).toBe('Get-Service SMTPSVC');
  });
});

describe('isInterruptKey', () => {
  const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({
    key: k,
    code: '',
    ctrlKey: true,
    altKey: false,
    metaKey: false,
    ...extra,
  });

  it('should interrupt on Ctrl+C unless text is selected, and on Ctrl+]', () => {
    expect(isInterruptKey(key('c'), false)).toBe(true);
    expect(isInterruptKey(key('C'), false)).toBe(true);
    expect(isInterruptKey(key('c'), true)).toBe(false);
    expect(isInterruptKey(key(']'), true)).toBe(true);
    expect(isInterruptKey(key('Dead', { code: 'BracketRight' }), false)).toBe(true);
  });

  it('should leave other keys alone', () => {
    expect(isInterruptKey(key('c', { ctrlKey: false }), false)).toBe(false);
    expect(isInterruptKey(key('c', { altKey: true }), false)).toBe(false);
    expect(isInterruptKey(key('v'), false)).toBe(false);
  });
});
