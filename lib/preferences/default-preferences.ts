/**
 * The preference dimensions of Personalized Soups (Jang et al., 2023, arXiv 2310.11564).
 * Generation prompts and judge criteria keep the paper's exact sentences; the crowdworker
 * wording is Ladle's own.
 */
export const DEFAULT_DIMENSIONS = [
  {
    key: "P1",
    name: "Expertise",
    description: "Who the response is written for.",
    sides: [
      {
        letter: "A",
        shortName: "elementary",
        generationPrompt: "Generate a response that can be easily understood by an elementary school student.",
        judgeCriterion: "Choose a response that can easily be understandable by an elementary school student.",
        workerDescription: "wants answers that a ten-year-old could follow: simple words, no jargon",
      },
      {
        letter: "B",
        shortName: "expert",
        generationPrompt: "Generate a response that only a PhD Student in that specific field could understand.",
        judgeCriterion: "Choose a response that can only be understandable by a PhD student in that specific field.",
        workerDescription: "is an expert and wants answers pitched at a PhD student in the field",
      },
    ],
  },
  {
    key: "P2",
    name: "Informativeness",
    description: "How much the response says.",
    sides: [
      {
        letter: "A",
        shortName: "concise",
        generationPrompt: "Generate a response that is concise and to the point, without being verbose.",
        judgeCriterion: "Choose a response that is concise and to the point, without being verbose.",
        workerDescription: "wants short answers that get to the point",
      },
      {
        letter: "B",
        shortName: "informative",
        generationPrompt: "Generate a response that is very informative, without missing any background information.",
        judgeCriterion: "Choose a response that is very informative without missing any background information.",
        workerDescription: "wants thorough answers that include all the background",
      },
    ],
  },
  {
    key: "P3",
    name: "Style",
    description: "The tone of the response.",
    sides: [
      {
        letter: "A",
        shortName: "friendly",
        generationPrompt: "Generate a response that is friendly, witty, funny, and humorous, like a close friend.",
        judgeCriterion: "Choose a response that is friendly, witty, funny and humorous, like a close friend.",
        workerDescription: "likes a friendly, witty and funny tone, like a close friend",
      },
      {
        letter: "B",
        shortName: "unfriendly",
        generationPrompt: "Generate a response in an unfriendly manner.",
        judgeCriterion: "Choose a response written in an unfriendly manner.",
        workerDescription: "prefers a blunt, unfriendly tone",
      },
      {
        letter: "C",
        shortName: "sassy",
        generationPrompt: "Generate a response in a sassy manner.",
        judgeCriterion: "Choose a response written in a sassy manner.",
        workerDescription: "enjoys a sassy tone",
      },
      {
        letter: "D",
        shortName: "sarcastic",
        generationPrompt: "Generate a response in a sarcastic manner.",
        judgeCriterion: "Choose a response written in a sarcastic manner.",
        workerDescription: "enjoys a sarcastic tone",
      },
    ],
  },
] as const;
