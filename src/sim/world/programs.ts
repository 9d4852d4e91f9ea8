/**
 * Third-party programs a Windows host in a scenario may run besides IIS: their process image,
 * process ID and Windows service. A program that speaks SMTP is a receiver on the host whose
 * `service` names it (schema.ts); it listens only while that service runs. PIDs are illustrative
 * and fixed, so netstat, tasklist and Get-Process agree (docs/fidelity.md).
 */

export interface ProgramInfo {
  /** Process image, as tasklist shows it. */
  image: string;
  pid: number;
  /** Working set in KB (tasklist "Mem Usage", Get-Process WS(K)). */
  memKb: number;
  /** The Windows service key and its display name. */
  service: string;
  displayName: string;
  /** The receiver dialect it speaks on its SMTP port. */
  dialect: 'hmailserver';
}

export const PROGRAMS: Record<string, ProgramInfo> = {
  hMailServer: {
    image: 'hMailServer.exe',
    pid: 3120,
    memKb: 21_536,
    service: 'hMailServer',
    displayName: 'hMailServer',
    dialect: 'hmailserver',
  },
};

/** The program whose Windows service is `service` (case-insensitive), if the world knows it. */
export function programByService(service: string): ProgramInfo | undefined {
  return Object.values(PROGRAMS).find((p) => p.service.toUpperCase() === service.toUpperCase());
}
