// pdf.js ships no types for its worker module; Dossier only hands the module to pdf.js (see pdf.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
