/** Bootstrap rounds when a caller names none. */
export const DEFAULT_BOOTSTRAP_ROUNDS = 1000;

/** Upper limit on bootstrap rounds per request, which bounds a dashboard request's CPU time. */
export const MAX_BOOTSTRAP_ROUNDS = 10_000;

/** Seed of the bootstrap's pseudo-random generator when a caller names none, so a refresh shows identical intervals. */
export const DEFAULT_BOOTSTRAP_SEED = 1;

/** Minimum number of prompts with judgments for a prompt bootstrap. With one, every resample repeats it, so the interval has zero width. */
export const MIN_BOOTSTRAP_PROMPTS = 2;

/** Coverage of every interval when a caller names none. */
export const DEFAULT_CONFIDENCE = 0.95;

/** Bradley-Terry: a system with fewer judgments than this is flagged and gets no rating. */
export const MIN_COMPARISONS_FOR_RATING = 30;
