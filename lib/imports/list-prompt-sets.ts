import { db } from "@/lib/db/prisma";

export type PromptSetSummary = { id: string; name: string; sourceFileName: string; promptCount: number; createdAt: Date };

/** List every prompt set, newest first, with its number of prompts. */
export async function listPromptSets(): Promise<PromptSetSummary[]> {
  const promptSets = await db.promptSet.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, sourceFileName: true, createdAt: true, _count: { select: { prompts: true } } },
  });

  return promptSets.map(({ _count, ...promptSet }) => ({ ...promptSet, promptCount: _count.prompts }));
}
