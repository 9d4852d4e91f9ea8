import { describe, expect, it } from 'vitest';
import { hostToShow } from '../../../src/app/hostChoice';

describe('hostToShow', () => {
  const hosts = ['APP01', 'WEB01', 'DC01'];

  it("should show the learner's choice over the IIS server", () => {
    expect(hostToShow('DC01', 'WEB01', hosts)).toBe('DC01');
  });

  it('should show the IIS server until the learner chooses', () => {
    expect(hostToShow(null, 'WEB01', hosts)).toBe('WEB01');
  });

  it('should show the first host when there is no IIS server', () => {
    expect(hostToShow(null, null, hosts)).toBe('APP01');
  });

  it('should ignore a choice or an IIS server the panel does not offer', () => {
    expect(hostToShow('MX.EXAMPLE.NET', 'WEB01', hosts)).toBe('WEB01');
    expect(hostToShow(null, 'WEB01', ['APP01', 'DC01'])).toBe('APP01');
    expect(hostToShow('GONE', 'WEB01', ['APP01', 'DC01'])).toBe('APP01');
  });

  it('should show nothing when the panel offers no host', () => {
    expect(hostToShow('WEB01', 'WEB01', [])).toBeNull();
  });
});
