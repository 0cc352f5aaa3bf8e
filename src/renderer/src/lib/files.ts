// Turning files the user picked or dropped into the import method's input.
import type { Input } from '../../../shared/api';

export async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export async function toImportInput(files: File[]): Promise<Input<'articles.import'>> {
  return { files: await Promise.all(files.map(async (file) => ({ name: file.name, data: await toBase64(file) }))) };
}
