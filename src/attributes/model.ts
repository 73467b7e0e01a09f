/**
 * The one internal attribute model. KMIP 1.x (Attribute Name / Index / Value, Template-Attribute) and
 * KMIP 2.x (Attributes structure, Attribute Reference, Current/New Attribute) are converted to and from
 * this at the edge (src/attributes/convert*.ts); operations and the store only ever see this.
 */
import type { TtlvItem } from '../ttlv/item';

export interface Attribute {
  /** The specification's attribute name ("Cryptographic Algorithm") or a custom name ("x-Vendor", "y-Foo"). */
  name: string;
  /** Attribute Index, 0 for the first instance of a multi-instance attribute. */
  index: number;
  /**
   * The value as a TTLV item whose tag is Attribute Value (0x42000B), exactly as KMIP 1.x carries it.
   * Structured values (Name, Link, Cryptographic Parameters, ...) are Structures. Custom attributes may be
   * of any item type.
   */
  value: TtlvItem;
}
