import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import path from "node:path";

/** Size, row count and SHA-256 of a finished export file, as the manifest lists it. */
export type ExportFileSummary = { name: string; rows: number; bytes: number; sha256: string };

export type ExportFile = {
  /** Append one row's text, which must end with its line break. */
  writeRow: (text: string) => Promise<void>;
  close: () => Promise<ExportFileSummary>;
};

const FLUSH_BYTES = 64 * 1024;

/**
 * Open a new file in `folder` for rows, starting with `header` when given (not counted as a
 * row). Rows are buffered up to 64 KiB per write, each write waits for `drain` when the
 * stream's buffer is full, and the SHA-256 covers exactly the bytes written, so memory stays
 * bounded however many rows pass through.
 */
export function openExportFile(folder: string, name: string, header = ""): ExportFile {
  const stream = createWriteStream(path.join(folder, name), { flags: "wx" });
  const hash = createHash("sha256");
  let pending: string[] = header === "" ? [] : [header];
  let pendingLength = header.length;
  let rows = 0;
  let bytes = 0;
  let streamError: Error | null = null;
  stream.on("error", (error) => {
    streamError = error;
  });

  async function flush() {
    if (pending.length === 0) {
      return;
    }
    const chunk = Buffer.from(pending.join(""), "utf8");
    pending = [];
    pendingLength = 0;

    hash.update(chunk);
    bytes += chunk.length;
    if (!stream.write(chunk)) {
      await once(stream, "drain");
    }
    if (streamError) {
      throw streamError;
    }
  }

  return {
    async writeRow(text) {
      pending.push(text);
      pendingLength += text.length;
      rows += 1;
      if (pendingLength >= FLUSH_BYTES) {
        await flush();
      }
    },
    async close() {
      await flush();
      stream.end();
      await once(stream, "finish");
      return { name, rows, bytes, sha256: hash.digest("hex") };
    },
  };
}
