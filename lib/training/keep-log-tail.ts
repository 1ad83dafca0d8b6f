/** Characters of output kept on the job row; COMMAND jobs keep the whole output in their log file. */
export const MAX_STORED_LOG_CHARS = 200_000;

/** Return the last MAX_STORED_LOG_CHARS characters of `logs`, marking the cut when there was one. */
export function keepLogTail(logs: string): string {
  if (logs.length <= MAX_STORED_LOG_CHARS) {
    return logs;
  }

  const marker = "[earlier output cut]\n";
  return marker + logs.slice(logs.length - MAX_STORED_LOG_CHARS + marker.length);
}
