/**
 * Telling "the OS says no" apart from "this host cannot do it at all".
 *
 * A call is blocked when the kernel (or a seccomp filter, as Docker's default
 * profile always installs) answers for the call as a whole: decided per call by
 * native/syscall-probe.ts, which tries it with arguments the kernel must refuse
 * with a known errno and sees ENOSYS or EPERM instead. Only then is a failure
 * "not available here: msgget → EPERM (blocked, probed)". An EPERM from a call
 * the probe found allowed is the kernel's real answer, and a failure when the
 * scenario did not expect it. ENOSYS from a call the probe does not cover means
 * the call does not exist here.
 *
 * Besides blocked calls, a few refusals say the host has run out of what the
 * claim needs, not that the claim is wrong: ENOSPC from creating a SysV object
 * or a POSIX queue once the IPC namespace's limit is used up, and ENETUNREACH
 * while the loopback interface is down. Those are named skips too.
 */
import { NotAvailable } from './not-available';
import { loopbackDown, sysctlText } from './platform';
import { probedCall, type ProbeResult } from './syscall-probe';

/** The probe's answer for a call (native/syscall-probe.ts; a test passes its own). */
type Probe = (call: string) => ProbeResult | undefined;

/** The function a call string names: "msgget(key 0x1, 0600)" and "msgctl IPC_RMID" both name msgget/msgctl. */
export function callName(call: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*/.exec(call)?.[0] ?? call;
}

/** Whether this errno from this call means the call itself is blocked here (the probe says so, with the same errno). */
export function isBlocked(call: string, errnoName: string, probe: Probe = probedCall): boolean {
  if (errnoName !== 'ENOSYS' && errnoName !== 'EPERM') return false;
  const probed = probe(callName(call));
  return probed ? probed.blocked && probed.got === errnoName : errnoName === 'ENOSYS';
}

/** The limits whose exhaustion makes a creating call fail with ENOSPC (see msgget(2), semget(2), shmget(2), mq_open(3)). */
const LIMITS: Record<string, string[]> = {
  msgget: ['kernel/msgmni'],
  semget: ['kernel/sem'],
  shmget: ['kernel/shmmni', 'kernel/shmall'],
  mq_open: ['fs/mqueue/queues_max'],
};

/**
 * Why this failure means the claim cannot be checked here, or undefined when
 * it is the OS's real answer (which the scenario then judges).
 */
export function unavailableReason(call: string, errnoName: string, probe: Probe = probedCall): string | undefined {
  const name = callName(call);
  if (isBlocked(name, errnoName, probe)) {
    return probe(name) ? `${name} → ${errnoName} (blocked, probed)` : `${name} → ENOSYS (no such call here)`;
  }
  if (errnoName === 'ENOSPC' && LIMITS[name]) {
    const limits = LIMITS[name].map((l) => `${l.replace(/\//g, '.')} = ${sysctlText(l)?.replace(/\s+/g, ' ') ?? 'absent'}`);
    return `${name} → ENOSPC: a kernel IPC limit is used up here (${limits.join(', ')})`;
  }
  if (errnoName === 'ENETUNREACH' && loopbackDown()) return `${name} → ENETUNREACH: the loopback interface lo is down here`;
  return undefined;
}

/**
 * Throws NotAvailable with the reason when the failure means the claim cannot be
 * checked here (a blocked call, a used-up limit, a down loopback), unless the
 * errno is the one the scenario expects.
 */
export function skipIfBlocked(call: string, errnoName: string, expected?: string, probe: Probe = probedCall): void {
  if (errnoName === expected) return;
  const reason = unavailableReason(call, errnoName, probe);
  if (reason) throw new NotAvailable(reason);
}
