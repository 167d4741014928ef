// The public shapes of the package: configuration, results, format descriptions. Plain objects
// (structured-cloneable), camelCase, as in DESIGN.md.

/** The WebAssembly builds: `core` (text, HTML, Markdown, CSV/TSV, JSON, XML, YAML, TOML), `pdf`
 *  (core + PDF), `office` (core + DOCX, XLSX, PPTX, ODF, EPUB, RTF, email) and `full` (all). */
export type Variant = 'core' | 'pdf' | 'office' | 'full';

/** The group a format belongs to: the smallest variant that contains it. */
export type FormatGroup = 'core' | 'pdf' | 'office';

/** Options of {@link init}. */
export interface InitOptions {
  /** Which variant to load now (default `core`). Others load on first need. */
  variant?: Variant;
  /** The bytes of that variant's .wasm file, when you load it yourself. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** That variant, already compiled (e.g. `WebAssembly.compileStreaming(...)`, or shared with a worker). */
  wasmModule?: WebAssembly.Module;
  /** Where a variant's file is, e.g. `(file) => '/assets/' + file`. Default: next to the package's
   *  JavaScript (`../wasm/<file>` relative to it). Kept for the variants loaded later. */
  locateFile?: (fileName: string, variant: Variant) => string | URL;
}

/** Bounds on what one extraction may consume. Non-negative integers, or `Infinity` for none. */
export interface ExtractionLimits {
  /** Content (and tables text) produced; default 256 MiB. */
  maxOutputBytes?: number;
  /** Total inflated bytes (containers, compressed streams); default 512 MiB. */
  maxDecompressedBytes?: number;
  /** Nesting of elements, arrays, groups; default 1000. */
  maxDepth?: number;
  /** Elements, records or archive entries; default 1,000,000. */
  maxEntries?: number;
  /** Size of the document itself; default 2 GiB. */
  maxInputBytes?: number;
}

/** What to extract and how. Unknown top-level keys are ignored (so a configuration written for
 *  another engine still works); wrong values of the keys below are an `INVALID_ARGUMENT` error. */
export interface ExtractionConfig {
  /** `"plain"` (default) or `"markdown"`. */
  outputFormat?: 'plain' | 'markdown';
  /** Also return the text of each page (paged formats), sheet or slide. Not with streaming. */
  pages?: boolean;
  /** Return tables with their cells (default true). */
  extractTables?: boolean;
  /** List images (formats that have them). */
  extractImages?: boolean;
  /** PDF options. */
  pdf?: { password?: string };
  /** Office options (DOCX, XLSX, PPTX, ODF); all off by default. */
  office?: {
    /** Include page headers and footers (DOCX, ODT), after the body. */
    headersFooters?: boolean;
    /** Include comments (DOCX, ODT, XLSX), after the body. */
    comments?: boolean;
    /** Include speaker notes (PPTX, ODP), after each slide. */
    speakerNotes?: boolean;
  };
  limits?: ExtractionLimits;
}

/** Document metadata: the common fields, plus format-specific ones (e.g. `encoding`,
 *  `lineCount` for text). */
export interface Metadata {
  title?: string;
  subject?: string;
  authors?: string[];
  keywords?: string[];
  language?: string;
  createdAt?: string;
  modifiedAt?: string;
  createdBy?: string;
  producer?: string;
  pageCount?: number;
  [key: string]: unknown;
}

/** A table found in the document. */
export interface Table {
  /** Rows of cells; the first row is the header. */
  cells: string[][];
  /** The same table as a Markdown pipe table. */
  markdown: string;
  pageNumber?: number;
}

/** The text of one page (with `config.pages`). */
export interface Page {
  pageNumber: number;
  content: string;
}

/** An image of the document (with `config.extractImages`). */
export interface ImageInfo {
  format: string;
  width?: number;
  height?: number;
  pageNumber?: number;
  /** The document's own name for it (a resource or part name). */
  name?: string;
  data?: Uint8Array;
}

/** A damaged or unsupported part that was skipped; the rest was extracted. */
export interface Warning {
  code: string;
  message: string;
}

/** Everything extracted from one document. */
export interface ExtractionResult {
  /** Plain text, or Markdown with `config.outputFormat = "markdown"`. */
  content: string;
  /** The format that was used. */
  mimeType: string;
  metadata: Metadata;
  tables: Table[];
  /** With `config.pages`. */
  pages?: Page[];
  images?: ImageInfo[];
  warnings: Warning[];
}

/** A format this package knows. */
export interface FormatInfo {
  /** Short name, e.g. `"html"`. */
  name: string;
  description: string;
  /** The first one is canonical. */
  mimeTypes: string[];
  /** Without dots. */
  extensions: string[];
  /** The smallest variant that contains it. */
  group: FormatGroup;
  /** The variants of this package that contain it. */
  variants: Variant[];
  /** Whether a loaded module has it now (so the sync calls can extract it). */
  loaded: boolean;
}

/** Document bytes. */
export type BinaryData = Uint8Array | ArrayBuffer | ArrayBufferView;

/** One document of a batch. */
export interface BatchItem {
  data: BinaryData;
  /** MIME type or file name; sniffed from the bytes when absent. */
  mimeType?: string;
}

/** The entry of a batch document that failed: the batch itself goes on. Tell it from a result
 *  with `'error' in entry`. */
export interface BatchItemError {
  error: import('./errors.js').QuarryError;
}

/** One entry per batch item, in order. */
export type BatchEntry = ExtractionResult | BatchItemError;

/** What {@link extractBytesStreaming} reads: the whole document, or the document in pieces from
 *  an (async) iterable or a ReadableStream, so it never has to be in memory at once. */
export type StreamingInput =
  | BinaryData
  | Iterable<BinaryData>
  | AsyncIterable<BinaryData>
  | ReadableStream<BinaryData>;
