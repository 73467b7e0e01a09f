/**
 * KMIP name normalization to CamelCase, exactly as "KMIP Additional Message Encodings v1.0" §4.1.3/§6.1.3
 * specifies it (see ../shared/conformance/oasis/SOURCES.md §3.2). This mirrors the reference Python:
 *   1. replace '(' and ')' with spaces
 *   2. a non-word char followed by letter + lowercase letter becomes a space
 *   3. split on whitespace; in each word, remaining non-word chars become '_'
 *   4. leading digits of the first word move to its end ("3DES" -> "DES3")
 *   5. capitalize the first letter of each word
 *   6. concatenate
 */
export function normalizeName(text: string): string {
  const noBrackets = text.replace(/[()]/g, ' ');
  const nonWordToSpace = noBrackets.replace(/\W([A-Za-z][a-z])/g, ' $1');
  const words = nonWordToSpace
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => w.replace(/\W/g, '_'));
  if (words.length === 0) return '';
  words[0] = words[0].replace(/^(\d+)(.*)$/, '$2$1');
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
