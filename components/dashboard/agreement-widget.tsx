import { formatCoefficient, formatWinRate } from "@/components/dashboard/format-statistics";
import type { StudyAgreement } from "@/lib/stats/study-stats-types";

/**
 * Render agreement per criterion: between crowdworkers (Fleiss' kappa, Krippendorff's alpha for
 * nominal data, raw pairwise agreement) and of each simulated judge version with the human majority.
 */
export async function AgreementWidget({ agreement, criterionNames }: { agreement: Promise<StudyAgreement>; criterionNames: Record<string, string> }) {
  const { criteria } = await agreement;
  const judgeRows = criteria.flatMap((criterion) => criterion.judges.map((judge) => ({ criterionKey: criterion.criterionKey, judge })));

  return (
    <div className="space-y-6">
      <table className="text-sm" data-testid="crowdworker-agreement">
        <caption className="text-left text-slate-600">Between crowdworkers, over items judged by at least two of them</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-500">
            <th scope="col" className="py-1 pr-4 text-left font-medium">Criterion</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Fleiss&apos; kappa</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Krippendorff&apos;s alpha</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Pairwise agreement</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Items</th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">Judgments</th>
            <th scope="col" className="py-1 text-right font-medium">Crowdworkers</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map(({ criterionKey, crowdworkers }) => (
            <tr key={criterionKey} className="border-b border-slate-100 tabular-nums" data-testid={`agreement-${criterionKey}`}>
              <th scope="row" className="py-1 pr-4 text-left font-normal">
                {criterionKey} {criterionNames[criterionKey] ?? ""}
              </th>
              <td className="py-1 pr-4 text-right" data-testid={`fleiss-${criterionKey}`}>
                {formatCoefficient(crowdworkers.fleissKappa)}
              </td>
              <td className="py-1 pr-4 text-right" data-testid={`krippendorff-${criterionKey}`}>
                {formatCoefficient(crowdworkers.krippendorffAlpha)}
              </td>
              <td className="py-1 pr-4 text-right" data-testid={`pairwise-agreement-${criterionKey}`}>
                {formatWinRate(crowdworkers.pairwiseAgreement)}
              </td>
              <td className="py-1 pr-4 text-right">{crowdworkers.units}</td>
              <td className="py-1 pr-4 text-right">{crowdworkers.ratings}</td>
              <td className="py-1 text-right">{crowdworkers.raters}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {judgeRows.length === 0 ? (
        <p className="text-sm text-slate-600">No simulated judgments to compare with the human majority under this filter.</p>
      ) : (
        <table className="text-sm" data-testid="judge-agreement">
          <caption className="text-left text-slate-600">Simulated judges against the strict human majority of each item and criterion</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-500">
              <th scope="col" className="py-1 pr-4 text-left font-medium">Criterion</th>
              <th scope="col" className="py-1 pr-4 text-left font-medium">Judge</th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">Agreement</th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">Cohen&apos;s kappa</th>
              <th scope="col" className="py-1 pr-4 text-right font-medium">Judgments compared</th>
              <th scope="col" className="py-1 text-right font-medium">Without a majority</th>
            </tr>
          </thead>
          <tbody>
            {judgeRows.map(({ criterionKey, judge }) => (
              <tr key={`${criterionKey}-${judge.judgeVersionId}`} className="border-b border-slate-100 tabular-nums">
                <th scope="row" className="py-1 pr-4 text-left font-normal">
                  {criterionKey}
                </th>
                <td className="py-1 pr-4">
                  {judge.judgeName} v{judge.judgeVersion}
                </td>
                <td className="py-1 pr-4 text-right">{formatWinRate(judge.percentAgreement)}</td>
                <td className="py-1 pr-4 text-right">{formatCoefficient(judge.cohenKappa)}</td>
                <td className="py-1 pr-4 text-right">{judge.n}</td>
                <td className="py-1 text-right">{judge.unitsWithoutMajority}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
