// Recognises binary files given to a text importer (a PDF or an image renamed .html), so they are refused
// with a message that says what they are instead of becoming an article of garbage.

const SIGNATURES: { kind: string; bytes: number[] }[] = [
  { kind: 'a PDF document (rename it to .pdf)', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: 'a ZIP archive, e.g. a Word or EPUB file (rename it to .docx or .epub)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61] }, // GIF89a
  { kind: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { kind: 'an old Word or Office file (.doc), which Dossier cannot read: save it as .docx', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { kind: 'a program', bytes: [0x7f, 0x45, 0x4c, 0x46] }, // ELF
];

/** What the file's leading bytes say it is, when that is a known binary format; null otherwise. */
export function binaryKind(bytes: Uint8Array): string | null {
  for (const { kind, bytes: signature } of SIGNATURES) {
    if (signature.every((byte, i) => bytes[i] === byte)) return kind;
  }
  return null;
}

// Text never holds C0 controls other than tab, line feed, form feed, carriage return and escape; binary
// data decoded as text is full of them. A stray one (a NUL pasted into a clip) is not enough to refuse.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001A\u001C-\u001F]/g;
const SAMPLE_CHARS = 8192;
const MAX_CONTROL_SHARE = 0.02;

/** True when decoded text is mostly not text: many control characters near its start. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  const controls = sample.match(CONTROL)?.length ?? 0;
  return controls > 8 && controls > sample.length * MAX_CONTROL_SHARE;
}
