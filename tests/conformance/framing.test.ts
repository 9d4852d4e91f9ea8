/** CRLF framing between TCP chunks and engine lines (scripts/smtp/framing.ts). */
import { describe, expect, it } from 'vitest';
import { LineFramer, encodeReply } from '../../scripts/smtp/framing';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('LineFramer', () => {
  it('should split pipelined commands in one chunk, in order', () => {
    const f = new LineFramer();
    expect(f.push(b('MAIL FROM:<a@b.c>\r\nRCPT TO:<x@y.z>\r\nDATA\r\n'))).toEqual([
      'MAIL FROM:<a@b.c>',
      'RCPT TO:<x@y.z>',
      'DATA',
    ]);
    expect(f.pendingBytes).toBe(0);
  });

  it('should join a line sent one byte at a time', () => {
    const f = new LineFramer();
    const out: string[] = [];
    for (const ch of 'EHLO app01\r\nNOOP\r\n') out.push(...f.push(b(ch)));
    expect(out).toEqual(['EHLO app01', 'NOOP']);
  });

  it('should pair a CR at the end of one chunk with the LF starting the next', () => {
    const f = new LineFramer();
    expect(f.push(b('QUIT\r'))).toEqual([]);
    expect(f.pendingBytes).toBe(5);
    expect(f.push(b('\nNOOP'))).toEqual(['QUIT']);
    expect(f.pendingBytes).toBe(4);
  });

  it('should keep a bare LF and a bare CR inside the line', () => {
    const f = new LineFramer();
    expect(f.push(b('a\nb\rc\r\n'))).toEqual(['a\nb\rc']);
  });

  it('should not end DATA on <LF>.<LF> (no smuggling)', () => {
    const f = new LineFramer();
    expect(f.push(b('text\n.\nMAIL FROM:<evil@x.y>\r\n.\r\n'))).toEqual([
      'text\n.\nMAIL FROM:<evil@x.y>',
      '.',
    ]);
  });

  it('should pass empty lines and leading dots unchanged', () => {
    const f = new LineFramer();
    expect(f.push(b('\r\n..stuffed\r\n.\r\n'))).toEqual(['', '..stuffed', '.']);
  });

  it('should pass a long line whole', () => {
    const f = new LineFramer();
    const long = 'X'.repeat(5000);
    expect(f.push(b(`${long}\r\n`))).toEqual([long]);
  });

  it('should map bytes to characters one to one (octet counts stay exact)', () => {
    const f = new LineFramer();
    const [line] = f.push(Buffer.from([0x53, 0xc3, 0xa9, 0xff, 0x0d, 0x0a]));
    expect(line).toBe('S\u00c3\u00a9\u00ff');
    expect(line?.length).toBe(4);
  });

  it('should forget buffered input on discard', () => {
    const f = new LineFramer();
    expect(f.push(b('NOOP\r\nQUI'))).toEqual(['NOOP']);
    f.discard();
    expect(f.pendingBytes).toBe(0);
    expect(f.push(b('T\r\n'))).toEqual(['T']);
  });
});

describe('encodeReply', () => {
  it('should end every reply line with CRLF', () => {
    expect(encodeReply(['250-web01 Hello [10.0.0.20]', '250 OK']).toString('latin1')).toBe(
      '250-web01 Hello [10.0.0.20]\r\n250 OK\r\n',
    );
  });

  it('should give back the same bytes a client sent when a reply echoes them', () => {
    expect([...encodeReply(['550 5.7.1 Unable to relay for \u00ff@x'])]).toEqual([
      ...b('550 5.7.1 Unable to relay for \u00ff@x\r\n'),
    ]);
  });
});
