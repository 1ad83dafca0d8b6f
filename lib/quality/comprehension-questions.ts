/**
 * The comprehension check's questions about the judging task, with their correct options.
 * Import this only from server code: the browser gets the questions without `correctOptionId`.
 */
export const COMPREHENSION_QUESTIONS = [
  {
    id: "whose-preferences",
    text: "Each item describes a user and what they like. Whose preferences should your answers follow?",
    options: [
      { id: "mine", label: "My own taste" },
      { id: "described-user", label: "The preferences of the user described on the item" },
      { id: "longer", label: "Neither: the longer response is always better" },
    ],
    correctOptionId: "described-user",
  },
  {
    id: "one-question-at-a-time",
    text:
      "One question asks which response is better for a user who wants concise answers. Response A is shorter and to the point but less friendly than Response B. What do you answer to that question?",
    options: [
      { id: "a", label: "Response A is better" },
      { id: "same", label: "About the same" },
      { id: "b", label: "Response B is better, because it is friendlier" },
    ],
    correctOptionId: "a",
  },
] as const;

export type ComprehensionQuestion = { id: string; text: string; options: readonly { id: string; label: string }[] };

/** The questions as the browser may see them. */
export function publicComprehensionQuestions(): ComprehensionQuestion[] {
  return COMPREHENSION_QUESTIONS.map(({ id, text, options }) => ({ id, text, options }));
}
