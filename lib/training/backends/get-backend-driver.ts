import type { TrainingBackendKind } from "@/lib/generated/prisma/enums";
import { commandBackend } from "@/lib/training/backends/command-backend";
import { rayBackend } from "@/lib/training/backends/ray-backend";
import type { TrainingBackendDriver } from "@/lib/training/backends/training-backend-driver";
import { webhookBackend } from "@/lib/training/backends/webhook-backend";

const DRIVERS: Record<TrainingBackendKind, TrainingBackendDriver> = {
  COMMAND: commandBackend,
  WEBHOOK: webhookBackend,
  RAY: rayBackend,
};

export function getBackendDriver(kind: TrainingBackendKind): TrainingBackendDriver {
  return DRIVERS[kind];
}
