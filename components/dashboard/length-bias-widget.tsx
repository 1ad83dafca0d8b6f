import { formatCoefficient, formatWinRate } from "@/components/dashboard/format-statistics";
import { IntervalBarChart } from "@/components/dashboard/interval-bar-chart";
import type { JudgeKind, LengthBin, StudyBias } from "@/lib/stats/study-stats-types";

const JUDGE_KIND_LABELS: Record<JudgeKind, string> = { HUMAN: "Crowdworkers", SIMULATED: "Simulated judges" };

/** Render the win rate against the response-length difference, and each candidate's length-controlled win rate, per judge kind. */
export async function LengthBiasWidget({ bias }: { bias: Promise<StudyBias> }) {
  const { length } = await bias;
  if (length.length === 0) {
    return <p className="text-sm text-slate-600">The filter includes no judge kind.</p>;
  }

  return (
    <div className="space-y-6">
      {length.map(({ judgeKind, bins, candidates }) => (
        <section key={judgeKind} className="space-y-3">
          <h3 className="text-base font-semibold">{JUDGE_KIND_LABELS[judgeKind]}</h3>
          <IntervalBarChart
            testId={`length-bias-${judgeKind}`}
            label={`${JUDGE_KIND_LABELS[judgeKind]}: win rate by length difference, candidate minus baseline, in characters`}
            categoryLabel="Length difference (characters)"
            categories={bins.map(describeBin)}
            series={[{ name: "Win rate", points: bins.map((bin) => ({ value: bin.winRate, interval: bin.interval, n: bin.n })) }]}
          />
          <table className="text-sm" data-testid={`length-controlled-${judgeKind}`}>
            <caption className="text-left text-slate-600">Win rate predicted at equal length by a logistic regression on the length difference</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-500">
                <th scope="col" className="py-1 pr-4 text-left font-medium">Candidate</th>
                <th scope="col" className="py-1 pr-4 text-right font-medium">Win rate</th>
                <th scope="col" className="py-1 pr-4 text-right font-medium">Length-controlled</th>
                <th scope="col" className="py-1 pr-4 text-right font-medium">Length coefficient</th>
                <th scope="col" className="py-1 text-right font-medium">Judgments</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((candidate) => (
                <tr key={candidate.candidateSystem} className="border-b border-slate-100 tabular-nums">
                  <th scope="row" className="py-1 pr-4 text-left font-normal">
                    {candidate.candidateSystem}
                  </th>
                  <td className="py-1 pr-4 text-right">{formatWinRate(candidate.winRate)}</td>
                  <td className="py-1 pr-4 text-right">{formatWinRate(candidate.lengthControlledWinRate)}</td>
                  <td className="py-1 pr-4 text-right">{formatCoefficient(candidate.lengthCoefficient)}</td>
                  <td className="py-1 text-right">{candidate.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

function describeBin(bin: LengthBin): string {
  if (bin.lower === null && bin.upper === null) {
    return "any";
  }
  if (bin.lower === null) {
    return `< ${bin.upper}`;
  }
  if (bin.upper === null) {
    return `≥ ${bin.lower}`;
  }
  return `${bin.lower} to < ${bin.upper}`;
}
