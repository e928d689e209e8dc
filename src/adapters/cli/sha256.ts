/**
 * The SHA-256 of texts joined (core/render's HashParts) by node:crypto: a
 * diff side's manifest digest hashes about 17 MB at 20,000 pods, which the
 * core's own TypeScript hash took half a second for. The result is the
 * core's: the parts are hashed as if joined, so a surrogate pair cut between
 * two parts is encoded as the pair, not as two replacement characters.
 */
import { createHash } from "node:crypto";
import type { HashParts } from "../../core/render";

/** Parts are joined into texts of about this many characters per update: a digest passes two parts per object (the `---` and the document), and hundreds of thousands of objects at 150,000 pods. */
const BATCH = 1 << 16;

export const nativeSha256OfParts: HashParts = (parts) => {
  const hash = createHash("sha256");
  let pending: string[] = [];
  let length = 0;
  const flush = (last: boolean): void => {
    let text = pending.join("");
    pending = [];
    length = 0;
    const end = text.charCodeAt(text.length - 1);
    // A high surrogate at the end waits for its pair, which starts the next part (if any).
    if (!last && end >= 0xd800 && end <= 0xdbff) {
      pending.push(text.slice(-1));
      length = 1;
      text = text.slice(0, -1);
    }
    hash.update(text, "utf8");
  };
  for (const part of parts) {
    pending.push(part);
    length += part.length;
    if (length >= BATCH) flush(false);
  }
  flush(true);
  return hash.digest("hex");
};
