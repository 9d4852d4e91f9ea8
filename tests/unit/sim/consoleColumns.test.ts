/**
 * Console columns: East Asian Wide characters take two columns on a Japanese console, so the
 * console pads and cuts by display width (src/sim/console/columns.ts), not by string length.
 */
import { describe, expect, it } from 'vitest';
import {
  cutCols,
  displayWidth,
  dotLeader,
  isWide,
  padEndCols,
  padStartCols,
} from '../../../src/sim/console/columns';

describe('display width', () => {
  it('should count kanji, kana and fullwidth forms as two columns and ASCII as one', () => {
    expect(displayWidth('Warning')).toBe(7);
    expect(displayWidth('警告')).toBe(4);
    expect(displayWidth('IPv4 アドレス')).toBe(13);
    expect(displayWidth('ＡＢ（）')).toBe(8);
    expect(displayWidth('한글')).toBe(4);
    expect(displayWidth('𠮷')).toBe(2);
    expect(displayWidth('')).toBe(0);
  });

  it('should keep halfwidth katakana and the ideographic space apart', () => {
    expect(isWide('ｱ')).toBe(false);
    expect(isWide('\u3000')).toBe(true);
    expect(isWide('・')).toBe(true);
    expect(isWide('é')).toBe(false);
  });
});

describe('padding and cutting by columns', () => {
  it('should pad to a column, not to a character count', () => {
    expect(padEndCols('警告', 16)).toBe('警告            ');
    expect(displayWidth(padEndCols('警告', 16))).toBe(16);
    expect(padEndCols('Warning', 16)).toBe('Warning'.padEnd(16));
    expect(padEndCols('too long here', 4)).toBe('too long here');
    expect(padStartCols('情報', 6)).toBe('  情報');
    expect(padEndCols('規則名:', 10, '.')).toBe('規則名:...');
  });

  it('should cut the first line to a width with ..., never splitting a wide character', () => {
    expect(cutCols('short\nsecond line', 20)).toBe('short');
    expect(cutCols('abcdefghij', 8)).toBe('abcde...');
    expect(cutCols('あいうえおかきくけこ', 10)).toBe('あいう...');
    // 7 columns left before `...`: three kana (6) fit, a fourth would straddle the limit.
    expect(cutCols('あいうえおかきくけこ', 10)).toHaveLength(6);
    expect(displayWidth(cutCols('あいうえおかきくけこ', 11))).toBeLessThanOrEqual(11);
    expect(cutCols('サービス', 8)).toBe('サービス');
  });
});

describe('ipconfig dot leaders', () => {
  it('should end every English label at the same colon (column 38)', () => {
    expect(dotLeader('IPv4 Address', 'en')).toBe('   IPv4 Address. . . . . . . . . . . : ');
    expect(dotLeader('Subnet Mask', 'en')).toBe('   Subnet Mask . . . . . . . . . . . : ');
    expect(dotLeader('Default Gateway', 'en')).toBe('   Default Gateway . . . . . . . . . : ');
    expect(dotLeader('DHCP Enabled', 'en')).toBe('   DHCP Enabled. . . . . . . . . . . : ');
    expect(dotLeader('Host Name', 'en')).toBe('   Host Name . . . . . . . . . . . . : ');
  });

  it('should end every Japanese label at the same colon (column 41) whatever its width', () => {
    expect(dotLeader('IPv4 アドレス', 'ja')).toBe('   IPv4 アドレス . . . . . . . . . . . .: ');
    expect(dotLeader('サブネット マスク', 'ja')).toBe('   サブネット マスク . . . . . . . . . .: ');
    expect(dotLeader('デフォルト ゲートウェイ', 'ja')).toBe(
      '   デフォルト ゲートウェイ . . . . . . .: ',
    );
    expect(dotLeader('DNS サーバー', 'ja')).toBe('   DNS サーバー. . . . . . . . . . . . .: ');
    expect(dotLeader('ホスト名', 'ja')).toBe('   ホスト名. . . . . . . . . . . . . . .: ');
    for (const label of ['IPv4 アドレス', 'DHCP 有効', 'プライマリ DNS サフィックス'])
      expect(displayWidth(dotLeader(label, 'ja'))).toBe(42);
  });
});
