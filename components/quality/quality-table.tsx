import { ExclusionControls } from "@/components/quality/exclusion-controls";
import type { CrowdworkerQuality, Share } from "@/lib/quality/get-crowdworker-quality";

/**
 * Render one row per crowdworker: speed, checks, agreement, position bias, status and the
 * exclusion control. Set `filtered` when dashboard filters narrowed the rows.
 */
export function QualityTable({ studyId, rows, filtered = false }: { studyId: string; rows: CrowdworkerQuality[]; filtered?: boolean }) {
  if (rows.length === 0) {
    const message = filtered ? "No crowdworker matches the current filters." : "No crowdworker has entered this study yet.";
    return <p className="text-sm text-slate-500">{message}</p>;
  }

  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm" data-testid="quality-table">
        <thead className="text-slate-500">
          <tr>
            <th className="py-2 pr-4 font-medium">Crowdworker</th>
            <th className="py-2 pr-4 font-medium">Prolific ID</th>
            <th className="py-2 pr-4 font-medium">Items judged</th>
            <th className="py-2 pr-4 font-medium">Median seconds per item</th>
            <th className="py-2 pr-4 font-medium">Too fast</th>
            <th className="py-2 pr-4 font-medium">Attention checks passed / failed</th>
            <th className="py-2 pr-4 font-medium">Gold agreement</th>
            <th className="py-2 pr-4 font-medium">Agreement with majority</th>
            <th className="py-2 pr-4 font-medium">Chose first-shown</th>
            <th className="py-2 pr-4 font-medium">Status</th>
            <th className="py-2 font-medium">Results</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.userId} className="border-t border-slate-200 align-top" data-testid={`quality-row-${row.pseudonym}`}>
              <td className="whitespace-nowrap py-2 pr-4 font-mono">{row.pseudonym}</td>
              <td className="py-2 pr-4 font-mono break-all">{row.prolificId ?? "–"}</td>
              <td className="py-2 pr-4 tabular-nums">{row.itemsJudged}</td>
              <td className="py-2 pr-4 tabular-nums">{row.medianSeconds === null ? "–" : row.medianSeconds.toFixed(1)}</td>
              <td className="py-2 pr-4 tabular-nums">{row.tooFastCount}</td>
              <td className="py-2 pr-4 tabular-nums">
                {row.attentionPassed} / {row.attentionFailed}
              </td>
              <td className="py-2 pr-4 tabular-nums">{formatShare(row.goldAgreement)}</td>
              <td className="py-2 pr-4 tabular-nums">{formatShare(row.majorityAgreement)}</td>
              <td className="py-2 pr-4 tabular-nums">{formatShare(row.firstShownShare)}</td>
              <td className="py-2 pr-4">
                {row.status}
                {row.exclusion && (
                  <p className="text-xs text-slate-500">
                    by {row.exclusion.excludedBy} at {row.exclusion.excludedAt.toISOString().slice(0, 16).replace("T", " ")} UTC: {row.exclusion.reason}
                  </p>
                )}
              </td>
              <td className="py-2">
                <ExclusionControls studyId={studyId} userId={row.userId} pseudonym={row.pseudonym} excluded={row.exclusion !== null} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function formatShare(value: Share): string {
  return value.rate === null ? "–" : `${Math.round(value.rate * 100)}% (${value.count}/${value.total})`;
}
