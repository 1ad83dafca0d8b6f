import { db } from "@/lib/db/prisma";
import { DEFAULT_DIMENSIONS } from "@/lib/preferences/default-preferences";
import { syncCombinations } from "@/lib/preferences/sync-combinations";

/**
 * Insert the default dimensions and sides that are missing, then their combinations.
 * Stored rows are left as they are; concurrent callers skip what another stored first.
 */
export async function seedPreferences(): Promise<void> {
  await db.dimension.createMany({
    data: DEFAULT_DIMENSIONS.map((dimension, position) => ({
      key: dimension.key,
      name: dimension.name,
      description: dimension.description,
      position,
    })),
    skipDuplicates: true,
  });

  const dimensions = await db.dimension.findMany({ where: { key: { in: DEFAULT_DIMENSIONS.map((dimension) => dimension.key) } } });
  const dimensionIdByKey = new Map(dimensions.map((dimension) => [dimension.key, dimension.id]));

  await db.side.createMany({
    data: DEFAULT_DIMENSIONS.flatMap((dimension) =>
      dimension.sides.map((side) => ({
        ...side,
        key: `${dimension.key}${side.letter}`,
        dimensionId: dimensionIdByKey.get(dimension.key)!,
      })),
    ),
    skipDuplicates: true,
  });

  await syncCombinations();
}
