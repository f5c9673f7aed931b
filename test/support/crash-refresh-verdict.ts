/**
 * The token-refresh crash test's verdict: every connection at the end is usable, or lost its
 * rotated refresh token to a kill inside the crash window, or is a bug. The window is, by
 * definition, the time between the Sandbox committing a rotation (the old refresh token retired,
 * the new one in its answer) and Doorway committing the new token set: a SIGKILL in there leaves
 * the grant one generation ahead of the token Doorway stores, so the next refresh gets
 * `invalid_grant` and the connection becomes Deauthorized. Anything else is unexplained.
 */
import type { ConnectionSnapshot } from './crash-refresh-probe.js';

export interface RefreshKill {
  phase: 'chaos' | 'final';
  /** Wall-clock ms: just before the first SIGKILL was sent, and once every target was reaped. */
  sentAt: number;
  reapedAt: number;
  targets: string[];
  /** Refresh rows under a live lease right after the kill. */
  leased: number;
}

/** What the final forced read and a call to the Sandbox API with its token answered. */
export interface FinalRead {
  status: number;
  apiStatus: number | null;
  message: string;
}

export interface LostInWindow {
  connectionId: string;
  /** The kill that explains it, and how long before that kill's SIGKILL the Sandbox rotated. */
  killIndex: number;
  rotatedBeforeKillMs: number;
}

export interface RefreshVerdict {
  usable: string[];
  lostInWindow: LostInWindow[];
  unexplained: Array<{ connectionId: string; why: string }>;
  /** Rotations the Sandbox made in all (every grant starts at generation 0). */
  rotations: number;
}

/**
 * A rotation at `rotatedAt` is explained by a kill when it happened no earlier than `slackMs`
 * before the SIGKILL and no later than the process was reaped. The slack is a budget for a slow
 * machine, not the window: the report prints how far before its kill each lost rotation was.
 */
function explainingKill(kills: RefreshKill[], rotatedAt: number, slackMs: number): number {
  return kills.findIndex((kill) => rotatedAt >= kill.sentAt - slackMs && rotatedAt <= kill.reapedAt);
}

export function judgeConnections(snapshot: ConnectionSnapshot[], reads: Map<string, FinalRead>, kills: RefreshKill[], slackMs: number): RefreshVerdict {
  const verdict: RefreshVerdict = { usable: [], lostInWindow: [], unexplained: [], rotations: 0 };
  for (const s of snapshot) {
    verdict.rotations += s.grantGeneration ?? 0;
    const read = reads.get(s.connectionId);
    const unexplained = (why: string) => verdict.unexplained.push({ connectionId: s.connectionId, why: `${why} (${describe(s, read)})` });
    if (s.storedGeneration === null || s.grantGeneration === null) {
      unexplained('no Sandbox refresh token stored, or its grant is gone');
    } else if (s.storedGeneration > s.grantGeneration) {
      unexplained('Doorway stores a refresh token the Sandbox never issued');
    } else if (s.status === 'Linked' && s.storedGeneration === s.grantGeneration) {
      if (read?.status === 200 && read.apiStatus === 200) verdict.usable.push(s.connectionId);
      else unexplained('Linked with the current refresh token, but the final read or the Sandbox API refused');
    } else if (s.status === 'Deauthorized' && s.storedGeneration === s.grantGeneration - 1) {
      const killIndex = explainingKill(kills, s.grantRotatedAt!, slackMs);
      if (killIndex < 0) unexplained('a rotated refresh token was lost, but no kill followed the rotation');
      else verdict.lostInWindow.push({ connectionId: s.connectionId, killIndex, rotatedBeforeKillMs: kills[killIndex]!.sentAt - s.grantRotatedAt! });
    } else if (s.status === 'Deauthorized' && s.storedGeneration === s.grantGeneration) {
      unexplained('Deauthorized although Doorway holds the current refresh token: two refreshes spent one token');
    } else {
      unexplained(`${s.status} with the grant ${s.grantGeneration - s.storedGeneration} generations ahead`);
    }
  }
  return verdict;
}

function describe(s: ConnectionSnapshot, read: FinalRead | undefined): string {
  return (
    `status ${s.status}, stored generation ${s.storedGeneration}, grant generation ${s.grantGeneration}, ` +
    `final read ${read?.status ?? 'none'}${read?.apiStatus ? `, API ${read.apiStatus}` : ''}${read?.message ? `: ${read.message}` : ''}`
  );
}

/** Milliseconds from the Sandbox's rotation to the token response arriving at Doorway: median, p95, max. */
export function responseLatency(samples: number[]): { n: number; median: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { n: sorted.length, median: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}
