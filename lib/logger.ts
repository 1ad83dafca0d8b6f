import pino from "pino";

/** Structured logger shared by the web app, the worker and the command-line scripts. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  redact: ["password", "passwordHash", "*.password", "*.passwordHash", "apiKey", "*.apiKey"],
});
