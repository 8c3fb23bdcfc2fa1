/**
 * Single use of a gateway token: its "jti" is remembered until the token expires, and a second
 * call with it is refused. The default store is this process's memory; a partner that runs several
 * instances behind one address gives them one shared store (see the README), or a token used at
 * one instance could be replayed at another.
 */
export interface ReplayStore {
  /** Records the token id until `expiresAt`; false when it was already recorded (a replay). */
  firstUse(tokenId: string, expiresAt: Date): boolean | Promise<boolean>;
}

/** Token ids in memory, each forgotten once its token has expired. */
export function createMemoryReplayStore(now: () => number = Date.now): ReplayStore {
  const seen = new Map<string, number>();
  const forgetExpired = (at: number) => {
    // Tokens live at most a minute and arrive roughly in order: the oldest sit in front.
    for (const [id, expires] of seen) {
      if (expires > at) break;
      seen.delete(id);
    }
  };
  return {
    firstUse(tokenId, expiresAt) {
      const at = now();
      forgetExpired(at);
      const expires = seen.get(tokenId);
      if (expires !== undefined && expires > at) return false;
      seen.set(tokenId, expiresAt.getTime());
      return true;
    },
  };
}
