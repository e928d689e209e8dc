/**
 * The SHA-256 of texts joined (core/render's HashParts) by node:crypto: a
 * diff side's manifest digest hashes about 17 MB at 20,000 pods, which the
 * core's own TypeScript hash took half a second for. The result is the
 * core's: the parts are hashed as if joined, so a surrogate pair cut between
 * two parts is encoded as the pair, not as two replacement characters.
 */
import { createHash } from "node:crypto";
import type { HashParts } from "../../core/render";

export const nativeSha256OfParts: HashParts = (parts) => {
  const hash = createHash("sha256");
  let carry = "";
  for (const part of parts) {
    const text = carry === "" ? part : carry + part;
    const last = text.charCodeAt(text.length - 1);
    // A high surrogate at the end waits for its pair, which starts the next part (if any).
    if (last >= 0xd800 && last <= 0xdbff) {
      carry = text.slice(-1);
      hash.update(text.slice(0, -1), "utf8");
    } else {
      carry = "";
      hash.update(text, "utf8");
    }
  }
  if (carry !== "") hash.update(carry, "utf8");
  return hash.digest("hex");
};
