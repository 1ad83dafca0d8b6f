import { AppError } from "@/lib/errors";
import { DEFAULT_BOOTSTRAP_ROUNDS, DEFAULT_BOOTSTRAP_SEED, DEFAULT_CONFIDENCE, MAX_BOOTSTRAP_ROUNDS } from "@/lib/stats/bootstrap-settings";
import type { BootstrapSettings } from "@/lib/stats/study-stats-types";

/** Fill in defaults and check the bootstrap settings a caller passed; throws INVALID_INPUT naming a bad value. */
export function parseBootstrapSettings({ rounds = DEFAULT_BOOTSTRAP_ROUNDS, seed = DEFAULT_BOOTSTRAP_SEED, confidence = DEFAULT_CONFIDENCE }: Partial<BootstrapSettings>): BootstrapSettings {
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > MAX_BOOTSTRAP_ROUNDS) {
    throw new AppError("INVALID_INPUT", `Bootstrap rounds must be a whole number from 1 to ${MAX_BOOTSTRAP_ROUNDS}, but got ${rounds}. The default is ${DEFAULT_BOOTSTRAP_ROUNDS}.`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new AppError("INVALID_INPUT", `The bootstrap seed must be a whole number from 0 to 4294967295, but got ${seed}.`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new AppError("INVALID_INPUT", `Confidence must lie strictly between 0 and 1, such as 0.95, but got ${confidence}.`);
  }
  return { rounds, seed, confidence };
}
