import { db } from "@/lib/db/prisma";
import { DEFAULT_DIMENSIONS } from "@/lib/preferences/default-preferences";
import { syncCombinations } from "@/lib/preferences/sync-combinations";

/** Insert the default dimensions and sides that are missing, then their combinations. */
export async function seedPreferences(): Promise<void> {
  for (const [position, dimension] of DEFAULT_DIMENSIONS.entries()) {
    const stored = await db.dimension.upsert({
      where: { key: dimension.key },
      create: { key: dimension.key, name: dimension.name, description: dimension.description, position },
      update: {},
    });

    for (const side of dimension.sides) {
      await db.side.upsert({
        where: { key: `${dimension.key}${side.letter}` },
        create: { ...side, key: `${dimension.key}${side.letter}`, dimensionId: stored.id },
        update: {},
      });
    }
  }

  await syncCombinations();
}
