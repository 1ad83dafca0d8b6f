import type pg from "pg";

/**
 * Map each side key to the side whose responses serve as its negatives: the other side of a
 * two-sided dimension. In a dimension with more sides, sides pair up in letter order (A with
 * B, C with D), and a last unpaired side has no opposite.
 */
export async function findOppositeSides(client: pg.ClientBase): Promise<Map<string, string>> {
  const sides = await client.query<{ key: string; dimensionId: string }>(
    `select key, "dimensionId" from "Side" order by "dimensionId", letter`,
  );

  const byDimension = new Map<string, string[]>();
  for (const side of sides.rows) {
    byDimension.set(side.dimensionId, [...(byDimension.get(side.dimensionId) ?? []), side.key]);
  }

  const opposites = new Map<string, string>();
  for (const keys of byDimension.values()) {
    for (let index = 0; index + 1 < keys.length; index += 2) {
      opposites.set(keys[index], keys[index + 1]);
      opposites.set(keys[index + 1], keys[index]);
    }
  }
  return opposites;
}
