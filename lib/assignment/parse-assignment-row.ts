import type { Assignment } from "@/lib/generated/prisma/client";

/**
 * An Assignment row as PostgreSQL's to_jsonb writes it: TIMESTAMP(3) columns become ISO strings
 * without a zone, which hold UTC because Prisma stores DateTime in UTC.
 */
export type AssignmentRow = Omit<Assignment, "assignedAt" | "expiresAt" | "submittedAt"> & {
  assignedAt: string;
  expiresAt: string;
  submittedAt: string | null;
};

/** Turn an Assignment row from a jsonb result into the Prisma model's shape. */
export function parseAssignmentRow(row: AssignmentRow): Assignment {
  return {
    ...row,
    assignedAt: parseUtcTimestamp(row.assignedAt),
    expiresAt: parseUtcTimestamp(row.expiresAt),
    submittedAt: row.submittedAt === null ? null : parseUtcTimestamp(row.submittedAt),
  };
}

/** Parse a zone-less TIMESTAMP from jsonb, such as 2026-12-06T10:00:00.123, as UTC. */
export function parseUtcTimestamp(value: string): Date {
  return new Date(`${value}Z`);
}
