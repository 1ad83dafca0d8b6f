import { formatCount } from "@/components/dashboard/format-statistics";
import { MIN_BOOTSTRAP_PROMPTS } from "@/lib/stats/bootstrap-settings";

/** Say why bootstrap intervals are missing when the judgments cover some prompts but too few to resample; render nothing otherwise. */
export function TooFewPromptsNote({ promptCount }: { promptCount: number }) {
  if (promptCount === 0 || promptCount >= MIN_BOOTSTRAP_PROMPTS) {
    return null;
  }

  return (
    <p className="text-sm text-amber-700">
      No bootstrap intervals: the judgments cover {formatCount(promptCount, "prompt", "prompts")}, and resampling needs at least {MIN_BOOTSTRAP_PROMPTS}.
    </p>
  );
}
