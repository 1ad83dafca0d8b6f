import { db } from "@/lib/db/prisma";
import { combinationName, combinationSideKeys, deriveCombinations } from "@/lib/preferences/combinations";

/**
 * Store every combination derivable from the current dimensions and sides that is not stored
 * yet, and return how many were added. Safe to run concurrently: inserts skip combinations
 * another caller stored first. Existing combinations are never changed.
 */
export async function syncCombinations(): Promise<number> {
  return db.$transaction(async (tx) => {
    const dimensions = await tx.dimension.findMany({ include: { sides: true } });
    const derived = deriveCombinations(dimensions);

    const inserted = await tx.combination.createMany({
      data: derived.map((sides) => ({ sideKeys: combinationSideKeys(sides), name: combinationName(sides) })),
      skipDuplicates: true,
    });

    const stored = await tx.combination.findMany({
      where: { sideKeys: { in: derived.map(combinationSideKeys) } },
      select: { id: true, sideKeys: true },
    });
    const idBySideKeys = new Map(stored.map((combination) => [combination.sideKeys, combination.id]));

    await tx.combinationSide.createMany({
      data: derived.flatMap((sides) =>
        sides.map((side, position) => ({ combinationId: idBySideKeys.get(combinationSideKeys(sides))!, sideId: side.id, position })),
      ),
      skipDuplicates: true,
    });

    return inserted.count;
  });
}
