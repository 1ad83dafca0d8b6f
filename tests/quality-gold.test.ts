import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { markGoldItem } from "@/lib/quality/mark-gold-item";
import { getStudyWinRateTable } from "@/lib/stats/get-study-win-rate-table";
import { DEFAULT_STUDY_STATS_FILTER } from "@/lib/stats/study-stats-filter";

import { createCrowdworker } from "./assignment-fixtures";
import { createQualityStudy, judgeNext, kindOf } from "./quality-fixtures";

async function researcherOf(study: { createdById: string }) {
  return db.user.findUniqueOrThrow({ where: { id: study.createdById } });
}

describe("gold items", () => {
  it("store the expected verdicts", async () => {
    const { study } = await createQualityStudy({ itemCount: 3 });
    const [item] = await db.studyItem.findMany({ where: { studyId: study.id } });

    await markGoldItem({ actor: await researcherOf(study), studyId: study.id, input: { studyItemId: item.id, expectedVerdicts: { P2: "BASELINE" } } });

    const stored = await db.studyItem.findUniqueOrThrow({ where: { id: item.id }, include: { expectedVerdicts: { include: { criterionSide: true } } } });
    expect(stored.kind).toBe("GOLD");
    expect(stored.expectedVerdicts.map((entry) => [entry.criterionSide.key.slice(0, 2), entry.verdict])).toEqual([["P2", "BASELINE"]]);
  });

  it("reject a criterion the study does not ask", async () => {
    const { study } = await createQualityStudy({ itemCount: 1 });
    const [item] = await db.studyItem.findMany({ where: { studyId: study.id } });

    const marking = markGoldItem({ actor: await researcherOf(study), studyId: study.id, input: { studyItemId: item.id, expectedVerdicts: { P1: "TIE" } } });

    await expect(marking).rejects.toThrow(AppError);
    await expect(marking).rejects.toThrow(/P1/);
  });

  it("are served per crowdworker and scored", async () => {
    const { study } = await createQualityStudy({ itemCount: 6, itemsPerWorker: 4, goldItemsPerWorker: 1 });
    const items = await db.studyItem.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    await markGoldItem({ actor: await researcherOf(study), studyId: study.id, input: { studyItemId: items[0].id, expectedVerdicts: { P2: "CANDIDATE" } } });
    const worker = await createCrowdworker(study.id);

    const kinds = [];
    for (let step = 0; step < 6; step += 1) {
      const { assignment } = await judgeNext(study.id, worker.id, "TIE");
      if (!assignment) {
        break;
      }
      kinds.push(await kindOf(assignment.id));
    }

    // Gold item 1 of 1 is due after floor(1 * 4 / 2) = 2 regular items.
    expect(kinds).toEqual(["REGULAR", "REGULAR", "GOLD", "REGULAR", "REGULAR"]);
    const gold = await db.assignment.findFirstOrThrow({ where: { userId: worker.id, studyItemId: items[0].id } });
    expect(gold.checkPassed).toBe(false);
  });

  it("count towards neither quotas nor win rates", async () => {
    const { study } = await createQualityStudy({ itemCount: 2, itemsPerWorker: 1, goldItemsPerWorker: 1 });
    const items = await db.studyItem.findMany({ where: { studyId: study.id }, orderBy: { id: "asc" } });
    await markGoldItem({ actor: await researcherOf(study), studyId: study.id, input: { studyItemId: items[0].id, expectedVerdicts: { P2: "CANDIDATE" } } });
    const worker = await createCrowdworker(study.id);

    const first = await judgeNext(study.id, worker.id, "A");
    const second = await judgeNext(study.id, worker.id, "A");

    expect(await kindOf(first.assignment!.id)).toBe("GOLD");
    expect(await kindOf(second.assignment!.id)).toBe("REGULAR");
    expect(second.result).toMatchObject({ done: true });
    const goldItem = await db.studyItem.findUniqueOrThrow({ where: { id: items[0].id } });
    expect(goldItem.completedCount).toBe(0);

    const table = await getStudyWinRateTable({ actor: await researcherOf(study), studyId: study.id, filter: { ...DEFAULT_STUDY_STATS_FILTER, judgeKind: "human" } });
    expect(table.judgeKinds[0].n).toBe(1);
  });
});
