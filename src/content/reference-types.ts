/**
 * The API reference: one entry per export of `streamlab`, made at build time from the engine's
 * declarations and TSDoc. While it is built (`src/build/reference/`) the text fields hold Markdown
 * and `code` plain TypeScript; in the modules the app loads they hold HTML, code highlighted.
 */

/** What a TSDoc comment says. */
export interface ReferenceDoc {
  /** Everything before the first block tag. Empty when the comment has none. */
  readonly summary: string;
  /** `@remarks`: the longer discussion. */
  readonly remarks: string;
  /** `@param name - text`, in the order written. */
  readonly params: readonly { readonly name: string; readonly text: string }[];
  /** `@returns`. */
  readonly returns: string;
  /** `@example` blocks (fenced code, with an optional caption line before the fence). */
  readonly examples: readonly string[];
  /** `@deprecated`: the reason and what to use instead; undefined when not deprecated. */
  readonly deprecated?: string;
}

/** One way to call or declare something, with its own comment when overloads differ. */
export interface ReferenceSignature {
  readonly code: string;
  /**
   * The exports the code names, as TypeScript resolves them (a local type with an export's name
   * is not one). Used while building to link them; the app's HTML has the links instead.
   */
  readonly refs?: readonly string[];
  /** Only for an overload whose comment differs from the first one's. */
  readonly doc?: ReferenceDoc;
}

export type ReferenceKind =
  | 'class'
  | 'abstract class'
  | 'function'
  | 'interface'
  | 'type'
  | 'constant'
  | 'enum'
  | 'namespace';

export type ReferenceMemberKind = 'constructor' | 'method' | 'property';

/** A public member of a class, an interface, an object type or an object constant. */
export interface ReferenceMember {
  /** Also its anchor: `#/reference/<Export>#<name>` (`constructor` for the constructor). */
  readonly name: string;
  readonly kind: ReferenceMemberKind;
  /**
   * Reached through the export itself rather than an instance: a class's static members, and
   * the members of an object constant (`WatermarkStrategy.noWatermarks()`, `Time.seconds(2)`).
   */
  readonly static: boolean;
  readonly signatures: readonly ReferenceSignature[];
  readonly doc: ReferenceDoc;
}

/** A member declared by another export this one extends; its page has the details. */
export interface InheritedMember {
  readonly name: string;
  readonly kind: ReferenceMemberKind;
  /** The export that declares it. */
  readonly from: string;
  readonly summary: string;
}

export interface ReferenceEntry {
  readonly name: string;
  readonly kind: ReferenceKind;
  /** The index section it is listed under (`Windows and assigners`, …). */
  readonly group: string;
  readonly signatures: readonly ReferenceSignature[];
  readonly doc: ReferenceDoc;
  readonly members: readonly ReferenceMember[];
  readonly inherited: readonly InheritedMember[];
}

/** An entry as the index lists it: enough to show, filter and link, not the whole page. */
export interface ReferenceIndexEntry {
  readonly name: string;
  readonly kind: ReferenceKind;
  /** The summary's first paragraph. */
  readonly summary: string;
  /** Member names, own and inherited, for filtering and linking. */
  readonly members: readonly string[];
}

export interface ReferenceGroup {
  readonly title: string;
  readonly entries: readonly ReferenceIndexEntry[];
}
