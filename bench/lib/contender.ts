/** One gateway under load: its child process and the request it is measured with. */
import type { Child } from './child.ts';
import type { Target } from './load.ts';

export interface Contender {
  label: string;
  peer: boolean;
  child: Child;
  target: Target;
}
