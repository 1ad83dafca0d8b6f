import { formatRating } from "@/components/dashboard/format-statistics";
import { RatingLadder } from "@/components/dashboard/rating-ladder";
import { TooFewPromptsNote } from "@/components/dashboard/too-few-prompts-note";
import type { RatingFlag, StudyRatings } from "@/lib/stats/study-stats-types";

/** Render the Bradley-Terry ladder of all systems of the study as a chart and a table. */
export async function RatingLadderWidget({ ratings }: { ratings: Promise<StudyRatings> }) {
  const { systems, minComparisons, promptCount, bootstrap } = await ratings;
  if (systems.length === 0) {
    return <p className="text-sm text-slate-600">No system has judgments under this filter.</p>;
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Maximum-likelihood Bradley-Terry ratings on the Elo scale (mean 1000), ties counted as half a win, with{" "}
        {Math.round(bootstrap.confidence * 100)}% intervals from {bootstrap.rounds} prompt-bootstrap rounds. Systems with fewer than {minComparisons}{" "}
        judgments, or without a win or a loss, are not rated.
      </p>
      <TooFewPromptsNote promptCount={promptCount} />
      <RatingLadder systems={systems} />
      <table className="text-sm" data-testid="rating-ladder-table">
        <caption className="text-left text-slate-600">Ladder, highest rating first</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-500">
            <th scope="col" className="py-1 pr-4 text-left font-medium">Rank</th>
            <th scope="col" className="py-1 pr-4 text-left font-medium">System</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Rating</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">95% interval</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Judgments</th>
            <th scope="col" className="py-1 text-left font-medium">Note</th>
          </tr>
        </thead>
        <tbody>
          {systems.map((system, index) => (
            <tr key={system.system} className="border-b border-slate-100 tabular-nums" data-testid={`rating-${system.system}`}>
              <td className="py-1 pr-4">{system.rating === null ? "–" : index + 1}</td>
              <th scope="row" className="py-1 pr-4 text-left font-normal">
                {system.system}
                {system.isBaseline && <span className="ml-1 text-xs text-slate-500">(baseline)</span>}
              </th>
              <td className="py-1 pr-4 text-right font-medium" data-testid={`rating-value-${system.system}`}>
                {formatRating(system.rating)}
              </td>
              <td className="py-1 pr-4 text-right">{system.interval ? `${system.interval.lower.toFixed(0)}–${system.interval.upper.toFixed(0)}` : ""}</td>
              <td className="py-1 pr-4 text-right">{system.comparisons}</td>
              <td className="py-1 text-slate-600">{system.flag ? describeFlag(system.flag, minComparisons) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function describeFlag(flag: RatingFlag, minComparisons: number): string {
  switch (flag) {
    case "tooFewComparisons":
      return `Too few judgments (fewer than ${minComparisons})`;
    case "noWins":
      return "Never won, so the rating would be minus infinity";
    case "noLosses":
      return "Never lost, so the rating would be infinite";
    case "notConnected":
      return "Not compared with the rated systems, so its rating has no common scale";
  }
}
