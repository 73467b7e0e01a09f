/**
 * Minimal reader for the Word-exported OASIS KMIP specification HTML: it lists every table with the
 * section heading before it and the caption ("Table N: ...") after it, as plain-text cells.
 * No HTML library: the documents are regular (no nested tables), so a tokenizer suffices.
 */
import * as fs from 'fs';

export interface SpecTable {
  /** Section heading in force where the table appears, e.g. "3.24 Activation Date". */
  section: string;
  /** Caption text after the table, e.g. "Table 107: Activation Date Attribute" ('' if none). */
  caption: string;
  /** Rows of plain-text cells. */
  rows: string[][];
}

const ENTITIES: Record<string, string> = {
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", shy: '', ndash: '-', mdash: '-',
  rsquo: "'", lsquo: "'", rdquo: '"', ldquo: '"', hellip: '...', middot: '.', bull: '*',
};

/** Windows-1252 bytes 0x80-0x9F that differ from Latin-1; mapped to ASCII equivalents where it matters. */
const CP1252: Record<number, string> = {
  0x91: "'", 0x92: "'", 0x93: '"', 0x94: '"', 0x96: '-', 0x97: '-', 0x85: '...', 0x95: '*', 0xa0: ' ', 0xad: '',
};

export function decodeCp1252(buf: Buffer): string {
  return buf.toString('latin1').replace(/[\x80-\xad]/g, (c) => CP1252[c.charCodeAt(0)] ?? c);
}

/** Strip tags, decode entities, collapse whitespace. */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br[^>]*>/gi, ' ')
    // Superscripts are exponents in the tables ("GF (2<sup>8</sup>)" is GF (2^8), SOURCES.md §3.2).
    .replace(/<sup\b[^>]*>([\s\S]*?)<\/sup>/gi, (_m, inner: string) => '^' + inner.replace(/<[^>]+>/g, ''))
    .replace(/<\/p>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-fA-F]+|[a-zA-Z]+);/g, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        if (code === 0xa0) return ' ';
        if (code >= 0x2010 && code <= 0x2015) return '-';
        if (code === 0x2018 || code === 0x2019) return "'";
        if (code === 0x201c || code === 0x201d) return '"';
        return String.fromCharCode(code);
      }
      return ENTITIES[e] ?? m;
    })
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

export function readSpecHtml(file: string): string {
  return decodeCp1252(fs.readFileSync(file));
}

/** Extract every table of the document in order. */
export function extractTables(html: string): SpecTable[] {
  const tables: SpecTable[] = [];
  const re = /<(h[1-6])\b[^>]*>([\s\S]*?)<\/\1>|<table\b[^>]*>([\s\S]*?)<\/table>|<p class=MsoCaption[^>]*>([\s\S]*?)<\/p>/gi;
  let section = '';
  let pending: SpecTable | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html)) !== null) {
    if (m[1] !== undefined) {
      section = htmlToText(m[2]);
      pending = undefined;
    } else if (m[3] !== undefined) {
      const rows: string[][] = [];
      const rowRe = /<tr\b[^>]*>([\s\S]*?)<\/tr>/gi;
      let r: RegExpExecArray | null;
      while ((r = rowRe.exec(m[3])) !== null) {
        const cells: string[] = [];
        const cellRe = /<t[dh]\b([^>]*)>([\s\S]*?)<\/t[dh]>/gi;
        let c: RegExpExecArray | null;
        while ((c = cellRe.exec(r[1])) !== null) cells.push(htmlToText(c[2]));
        rows.push(cells);
      }
      pending = { section, caption: '', rows };
      tables.push(pending);
    } else if (m[4] !== undefined) {
      if (pending && pending.caption === '') pending.caption = htmlToText(m[4]);
      pending = undefined;
    }
  }
  return tables;
}
