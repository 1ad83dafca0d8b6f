import { formatWinRate } from "@/components/dashboard/format-statistics";
import type { StudyRatings } from "@/lib/stats/study-stats-types";

/** Render the pairwise win matrix, which shows how often the row system beat the column system and the counts behind it. */
export async function PairwiseMatrixWidget({ ratings }: { ratings: Promise<StudyRatings> }) {
  const { matrix } = await ratings;
  if (matrix.systems.length < 2) {
    return <p className="text-sm text-slate-600">Fewer than two systems have judgments under this filter.</p>;
  }

  return (
    <div className="overflow-x-auto">
      <table className="text-sm" data-testid="pairwise-matrix">
        <caption className="text-left text-slate-600">Win rate of the row system against the column system, ties as half; wins–ties–losses below</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-500">
            <th scope="col" className="py-1 pr-4 text-left font-medium">Row against column</th>
            {matrix.systems.map((system) => (
              <th key={system} scope="col" className="py-1 pr-4 text-right font-medium">
                {system}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.systems.map((rowSystem, rowIndex) => (
            <tr key={rowSystem} className="border-b border-slate-100 tabular-nums">
              <th scope="row" className="py-1 pr-4 text-left font-normal">
                {rowSystem}
              </th>
              {matrix.systems.map((columnSystem, columnIndex) => {
                const cell = matrix.cells[rowIndex][columnIndex];
                return rowIndex === columnIndex ? (
                  <td key={columnSystem} className="py-1 pr-4 text-right text-slate-400">
                    –
                  </td>
                ) : (
                  <td key={columnSystem} className="py-1 pr-4 text-right" data-testid={`pairwise-${rowSystem}-${columnSystem}`}>
                    <span className={cell.winRate === null ? "text-slate-400" : "font-medium"}>{formatWinRate(cell.winRate)}</span>
                    <span className="block text-xs text-slate-500">
                      {cell.wins}–{cell.ties}–{cell.losses} (n = {cell.n})
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
