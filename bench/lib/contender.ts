/** One gateway under load: its child processes (one, or several replicas) and the request it is measured with. */
import type { Child } from './child.ts';
import type { Target } from './load.ts';
import type { RoundProbe } from './measure.ts';

export interface Contender {
  label: string;
  peer: boolean;
  /** The gateway's processes: one, or the replicas behind the load tool's round-robin. */
  children: Child[];
  target: Target;
  /** Measures something of this contender during each round (the audit chain's contention on PostgreSQL). */
  probe?: RoundProbe;
}
