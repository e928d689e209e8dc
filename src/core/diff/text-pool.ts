/**
 * One string object per text, shared by the two sides of one diff. Names
 * built on each side (`zone/workload`) are equal texts in different string
 * objects, and the diff compares them millions of times (every destination
 * of every row, every path's ends): pooled, an equal name is the same object
 * and the comparison a pointer test. Each distinct text is looked up once
 * per side, while the side is built.
 */
export class TextPool {
  private readonly texts = new Map<string, string>();

  /** The pooled string equal to `text` (the first one seen). */
  intern(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }
}
