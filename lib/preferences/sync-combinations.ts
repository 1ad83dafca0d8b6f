import { db } from "@/lib/db/prisma";
import { combinationName, combinationSideKeys, deriveCombinations } from "@/lib/preferences/combinations";

/**
 * Store every combination derivable from the current dimensions and sides that is not stored
 * yet. Run after a dimension or side is added; existing combinations are never changed.
 */
export async function syncCombinations(): Promise<number> {
  const dimensions = await db.dimension.findMany({ include: { sides: true } });
  const combinations = deriveCombinations(dimensions);

  let created = 0;
  for (const sides of combinations) {
    const sideKeys = combinationSideKeys(sides);
    const existing = await db.combination.findUnique({ where: { sideKeys } });
    if (existing) {
      continue;
    }

    await db.combination.create({
      data: {
        sideKeys,
        name: combinationName(sides),
        sides: { create: sides.map((side, position) => ({ sideId: side.id, position })) },
      },
    });
    created += 1;
  }
  return created;
}
