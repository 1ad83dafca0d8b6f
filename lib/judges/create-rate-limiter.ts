const WINDOW_MS = 60_000;

export type RateLimiter = {
  /** Wait until one more request of `tokens` estimated tokens fits both per-minute limits. */
  acquire: (tokens: number) => Promise<void>;
};

/**
 * Limit requests and tokens over any sliding minute; a limit of 0 is no limit. Callers are
 * served in arrival order. A single request larger than the token limit still passes once
 * the window is empty, so it cannot block forever.
 */
export function createRateLimiter(options: {
  requestsPerMinute: number;
  tokensPerMinute: number;
  now?: () => number;
  sleep?: (milliseconds: number) => Promise<void>;
}): RateLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  const sent: { at: number; tokens: number }[] = [];
  let queue = Promise.resolve();

  async function admit(tokens: number): Promise<void> {
    for (;;) {
      const current = now();
      while (sent.length > 0 && sent[0].at <= current - WINDOW_MS) {
        sent.shift();
      }

      const requestsFit = options.requestsPerMinute <= 0 || sent.length < options.requestsPerMinute;
      const tokensInWindow = sent.reduce((sum, entry) => sum + entry.tokens, 0);
      const tokensFit = options.tokensPerMinute <= 0 || sent.length === 0 || tokensInWindow + tokens <= options.tokensPerMinute;
      if (requestsFit && tokensFit) {
        sent.push({ at: current, tokens });
        return;
      }

      await sleep(sent[0].at + WINDOW_MS - current);
    }
  }

  return {
    acquire(tokens) {
      if (options.requestsPerMinute <= 0 && options.tokensPerMinute <= 0) {
        return Promise.resolve();
      }
      const turn = queue.then(() => admit(tokens));
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
