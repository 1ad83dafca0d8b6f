import { z } from "zod";

/**
 * Shapes shared by the judging routes and the judging screen. Nothing here imports server
 * code, so client components may import it.
 */

export const choiceSchema = z.enum(["A", "TIE", "B"]);
export type Choice = z.infer<typeof choiceSchema>;

/** One answer, naming its criterion either by the side's id or by the dimension key (P2). */
export const judgmentAnswerSchema = z
  .object({
    criterionSideId: z.string().min(1).optional(),
    dimensionKey: z.string().min(1).optional(),
    choice: choiceSchema,
  })
  .refine((answer) => (answer.criterionSideId === undefined) !== (answer.dimensionKey === undefined), {
    message: "give either criterionSideId or dimensionKey, not both and not neither",
  });
export type JudgmentAnswer = z.infer<typeof judgmentAnswerSchema>;

/** Body of POST /api/assignments/[assignmentId]/judgments. */
export const judgmentRequestSchema = z.object({
  requestId: z.uuid(),
  answers: z.array(judgmentAnswerSchema).min(1).max(50),
});
export type JudgmentRequest = z.infer<typeof judgmentRequestSchema>;

/**
 * The view of one assignment sent to the crowdworker's browser. Parsing through this schema
 * strips every other field, so system names and which response is the candidate never leave
 * the server.
 */
export const assignmentViewSchema = z.object({
  assignmentId: z.string(),
  studyId: z.string(),
  status: z.enum(["ASSIGNED", "SUBMITTED", "EXPIRED", "RELEASED"]),
  prompt: z.string(),
  persona: z.string(),
  criteria: z.array(
    z.object({
      criterionSideId: z.string(),
      dimensionKey: z.string(),
      wording: z.string(),
    }),
  ),
  responseA: z.string(),
  responseB: z.string(),
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  expiresAt: z.iso.datetime(),
  /** Quality warning to show above the item, present once the crowdworker reached the study's warn threshold. */
  warning: z.string().optional(),
});
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

/**
 * The end of a crowdworker's work in a study. The completion code and URL are present only
 * when the crowdworker has at least one stored judgment.
 */
export const completionSchema = z.object({
  done: z.literal(true),
  completionCode: z.string().optional(),
  completionUrl: z.string().optional(),
});
export type Completion = z.infer<typeof completionSchema>;

/** Response of POST /api/assignments/[assignmentId]/judgments. */
export const submitResultSchema = z.union([z.object({ done: z.literal(false) }), completionSchema]);
export type SubmitResult = z.infer<typeof submitResultSchema>;

/** Response of GET /api/studies/[studyId]/next-item. */
export const nextItemResponseSchema = z.union([
  z.object({ done: z.literal(false), assignment: assignmentViewSchema }),
  completionSchema,
]);
export type NextItemResponse = z.infer<typeof nextItemResponseSchema>;
