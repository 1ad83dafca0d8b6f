import { IntervalBarChart } from "@/components/dashboard/interval-bar-chart";
import type { StudyBias } from "@/lib/stats/study-stats-types";

/** Render the share of judgments choosing the first-shown response, per crowdworker and per simulated judge version. */
export async function PositionBiasWidget({ bias }: { bias: Promise<StudyBias> }) {
  const { crowdworkers, judges } = await bias;
  const raters = [
    ...crowdworkers.map((crowdworker) => ({ name: crowdworker.pseudonym ?? crowdworker.userId, share: crowdworker })),
    ...judges.map((judge) => ({ name: `${judge.judgeName} v${judge.judgeVersion}`, share: judge })),
  ];
  if (raters.length === 0) {
    return <p className="text-sm text-slate-600">No judgments under this filter.</p>;
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Without position bias a judge picks the first-shown response about as often as the second; ties count in the total, so
        the share sits below one half when ties are common.
      </p>
      <IntervalBarChart
        testId="position-bias-chart"
        label="Share of judgments choosing the first-shown response, per judge"
        categoryLabel="Judge"
        categories={raters.map((rater) => rater.name)}
        series={[{ name: "Chose first-shown", points: raters.map((rater) => ({ value: rater.share.share, interval: rater.share.interval, n: rater.share.n })) }]}
      />
      <table className="text-sm" data-testid="position-bias-table">
        <caption className="text-left text-slate-600">First-shown choices per judge</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-500">
            <th scope="col" className="py-1 pr-4 text-left font-medium">Judge</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Chose first</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Chose second</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Ties</th>
            <th scope="col" className="py-1 text-right font-medium">Share choosing first</th>
          </tr>
        </thead>
        <tbody>
          {raters.map(({ name, share }) => (
            <tr key={name} className="border-b border-slate-100 tabular-nums" data-testid={`position-bias-${name}`}>
              <th scope="row" className="py-1 pr-4 text-left font-mono font-normal">
                {name}
              </th>
              <td className="py-1 pr-4 text-right">{share.choseFirst}</td>
              <td className="py-1 pr-4 text-right">{share.choseSecond}</td>
              <td className="py-1 pr-4 text-right">{share.ties}</td>
              <td className="py-1 text-right">{share.share === null ? "no data" : `${(share.share * 100).toFixed(1)}% of ${share.n}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
