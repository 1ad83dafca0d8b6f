/**
 * Headers of the judging API's JSON responses. Next.js compresses every response it streams,
 * however small, unless it is marked no-transform; gzip took about 14 % of a server's CPU under
 * 200 crowdworkers. These bodies are a few kilobytes at most and belong to one crowdworker, so
 * they are sent as they are and never stored by a cache.
 */
export const JUDGING_RESPONSE_HEADERS = { "Cache-Control": "no-store, no-transform" } as const;
