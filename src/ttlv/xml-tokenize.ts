/**
 * A small, strict XML reader for the KMIP XML encoding (KMIP Additional Message Encodings v1.0 §6).
 *
 * It builds a plain element tree (name, attributes, children, position). It understands what KMIP
 * XML needs and nothing more: the XML declaration, comments, processing instructions, a DOCTYPE
 * without internal subset, elements, attributes, self-closing tags, text, CDATA and the predefined
 * and numeric character references. Unknown named entities and internal DTD subsets are rejected,
 * so no entity expansion can grow memory.
 *
 * Tolerance: parsing ends at the close of the first root element when that root is a container
 * (`<KMIP>`, `<KmipTestCase>`): OASIS's TC-ECDSA-SIGN-1-14.xml has a duplicated `</KMIP>`. When
 * the top-level elements are themselves messages, several may follow each other.
 */

export interface XmlElement {
  name: string;
  attrs: Map<string, string>;
  children: XmlElement[];
  /** Non-whitespace text found directly inside the element (trimmed pieces joined by '\n'). */
  text: string;
  line: number;
  column: number;
}

/** Parse error with the 1-based position of the offending markup and the element it was in. */
export class XmlParseError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    readonly element?: string,
  ) {
    super(`${line}:${column}: ${reason}${element ? ` (in <${element}>)` : ''}`);
    this.name = 'XmlParseError';
  }
}

export interface XmlTokenizeOptions {
  /** Element names whose close ends parsing (containers of messages). */
  containerNames?: ReadonlySet<string>;
  /** Maximum nesting depth of elements (default 64). */
  maxDepth?: number;
}

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[A-Za-z0-9_:.\-]/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function tokenizeXml(src: string, opts: XmlTokenizeOptions = {}): XmlElement[] {
  return new XmlReader(src, opts).readDocument();
}

class XmlReader {
  private pos = 0;
  private readonly maxDepth: number;
  private readonly containers: ReadonlySet<string>;
  // Line starts, computed lazily for error positions only.
  private lineStarts: number[] | undefined;

  constructor(private readonly src: string, opts: XmlTokenizeOptions) {
    this.maxDepth = opts.maxDepth ?? 64;
    this.containers = opts.containerNames ?? new Set();
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1; // byte order mark
  }

  readDocument(): XmlElement[] {
    const roots: XmlElement[] = [];
    for (;;) {
      this.skipMisc(roots.length === 0);
      if (this.pos >= this.src.length) break;
      if (this.src[this.pos] !== '<') {
        const start = this.pos;
        const end = this.src.indexOf('<', this.pos);
        this.pos = end < 0 ? this.src.length : end;
        const stray = this.src.slice(start, this.pos).trim();
        if (stray) throw this.error(`text outside any element: ${JSON.stringify(stray.slice(0, 20))}`, start);
        continue;
      }
      if (this.src.startsWith('</', this.pos)) throw this.error('closing tag without an open element', this.pos);
      const el = this.readElement(1, undefined);
      roots.push(el);
      if (this.containers.has(el.name)) break; // tolerate anything after the container's close
    }
    if (roots.length === 0) throw this.error('no element found', this.pos);
    return roots;
  }

  /** Skips whitespace, comments, PIs and (before the first element) an XML declaration and DOCTYPE. */
  private skipMisc(prolog: boolean): void {
    for (;;) {
      this.skipSpace();
      if (this.src.startsWith('<!--', this.pos)) this.skipComment();
      else if (this.src.startsWith('<?', this.pos)) this.skipPI();
      else if (prolog && this.src.startsWith('<!DOCTYPE', this.pos)) this.skipDoctype();
      else return;
    }
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos])) this.pos++;
  }

  private skipComment(): void {
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end < 0) throw this.error('unterminated comment', this.pos);
    this.pos = end + 3;
  }

  private skipPI(): void {
    const end = this.src.indexOf('?>', this.pos + 2);
    if (end < 0) throw this.error('unterminated processing instruction', this.pos);
    this.pos = end + 2;
  }

  private skipDoctype(): void {
    const start = this.pos;
    const end = this.src.indexOf('>', this.pos);
    if (end < 0) throw this.error('unterminated DOCTYPE', start);
    if (this.src.slice(start, end).includes('[')) throw this.error('DOCTYPE internal subsets are not supported', start);
    this.pos = end + 1;
  }

  private readElement(depth: number, parent: string | undefined): XmlElement {
    const start = this.pos;
    if (depth > this.maxDepth) throw this.error(`nesting deeper than ${this.maxDepth}`, start, parent);
    this.pos++; // '<'
    const name = this.readName(parent);
    const { line, column } = this.position(start);
    const el: XmlElement = { name, attrs: new Map(), children: [], text: '', line, column };
    for (;;) {
      const hadSpace = this.pos < this.src.length && /\s/.test(this.src[this.pos]);
      this.skipSpace();
      if (this.pos >= this.src.length) throw this.error('unterminated start tag', start, name);
      const c = this.src[this.pos];
      if (c === '/') {
        if (this.src[this.pos + 1] !== '>') throw this.error("expected '>' after '/'", this.pos, name);
        this.pos += 2;
        return el;
      }
      if (c === '>') {
        this.pos++;
        break;
      }
      if (!hadSpace) throw this.error('expected whitespace before attribute', this.pos, name);
      const attrPos = this.pos;
      const attr = this.readName(name);
      if (el.attrs.has(attr)) throw this.error(`duplicate attribute '${attr}'`, attrPos, name);
      this.skipSpace();
      if (this.src[this.pos] !== '=') throw this.error(`expected '=' after attribute '${attr}'`, this.pos, name);
      this.pos++;
      this.skipSpace();
      const q = this.src[this.pos];
      if (q !== '"' && q !== "'") throw this.error(`attribute '${attr}' value must be quoted`, this.pos, name);
      const end = this.src.indexOf(q, this.pos + 1);
      if (end < 0) throw this.error(`unterminated value of attribute '${attr}'`, this.pos, name);
      const raw = this.src.slice(this.pos + 1, end);
      if (raw.includes('<')) throw this.error(`'<' in value of attribute '${attr}'`, this.pos, name);
      el.attrs.set(attr, this.decodeEntities(raw, this.pos + 1, name));
      this.pos = end + 1;
    }
    this.readContent(el, depth);
    return el;
  }

  private readContent(el: XmlElement, depth: number): void {
    const texts: string[] = [];
    for (;;) {
      if (this.pos >= this.src.length) throw this.error(`missing </${el.name}>`, this.pos, el.name);
      if (this.src.startsWith('</', this.pos)) {
        const closePos = this.pos;
        this.pos += 2;
        const name = this.readName(el.name);
        this.skipSpace();
        if (this.src[this.pos] !== '>') throw this.error("expected '>' in closing tag", this.pos, el.name);
        this.pos++;
        if (name !== el.name) throw this.error(`</${name}> does not close <${el.name}>`, closePos, el.name);
        el.text = texts.join('\n');
        return;
      }
      if (this.src.startsWith('<!--', this.pos)) this.skipComment();
      else if (this.src.startsWith('<![CDATA[', this.pos)) {
        const end = this.src.indexOf(']]>', this.pos);
        if (end < 0) throw this.error('unterminated CDATA section', this.pos, el.name);
        const t = this.src.slice(this.pos + 9, end).trim();
        if (t) texts.push(t);
        this.pos = end + 3;
      } else if (this.src.startsWith('<?', this.pos)) this.skipPI();
      else if (this.src[this.pos] === '<') el.children.push(this.readElement(depth + 1, el.name));
      else {
        const start = this.pos;
        const end = this.src.indexOf('<', this.pos);
        this.pos = end < 0 ? this.src.length : end;
        const t = this.decodeEntities(this.src.slice(start, this.pos), start, el.name).trim();
        if (t) texts.push(t);
      }
    }
  }

  private readName(element: string | undefined): string {
    const start = this.pos;
    if (!NAME_START.test(this.src[this.pos] ?? '')) throw this.error('expected a name', start, element);
    while (this.pos < this.src.length && NAME_CHAR.test(this.src[this.pos])) this.pos++;
    return this.src.slice(start, this.pos);
  }

  private decodeEntities(raw: string, offset: number, element: string): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s]*);?/g, (m, body: string, i: number) => {
      if (!m.endsWith(';')) throw this.error("'&' not starting an entity reference", offset + i, element);
      if (body in PREDEFINED) return PREDEFINED[body];
      const num = /^#x([0-9a-fA-F]{1,6})$/.exec(body) ?? /^#([0-9]{1,7})$/.exec(body);
      if (num) {
        const cp = parseInt(num[1], body[1] === 'x' ? 16 : 10);
        if (cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) return String.fromCodePoint(cp);
      }
      throw this.error(`unknown entity &${body};`, offset + i, element);
    });
  }

  private position(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.src.length; i++) if (this.src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  private error(reason: string, offset: number, element?: string): XmlParseError {
    const { line, column } = this.position(Math.min(offset, this.src.length));
    return new XmlParseError(reason, line, column, element);
  }
}
