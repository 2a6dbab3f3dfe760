/**
 * Minutes from a file's bytes, whichever form the council keeps them in: .txt (tab-separated tables), .md
 * (pipe tables) or .docx, which mammoth turns into HTML and `linesFromHtml` into the same lines. No file
 * system here: the caller reads the bytes, so this stays testable without I/O.
 */
import { isUtf8 } from 'node:buffer';
import mammoth from 'mammoth';
import { parseCouncilMinutes, parseMinutesLines } from './council-minutes';
import { linesFromHtml } from './minutes-html';
import type { SourceLine } from './minutes-lines';
import { MinutesFormatError, type CouncilMinutes } from './minutes-tree';

export type MinutesFileFormat = 'txt' | 'md' | 'docx';

/** The format a file name says, or undefined for one the importer does not read (.doc, .pdf …). */
export function minutesFormatOf(fileName: string): MinutesFileFormat | undefined {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'txt') return 'txt';
  if (ext === 'md' || ext === 'markdown') return 'md';
  if (ext === 'docx') return 'docx';
  return undefined;
}

/** UTF-8, or Windows-1252 for a text saved by older Windows tools (å, ä, ö are not valid UTF-8 there). */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder(isUtf8(bytes) ? 'utf-8' : 'windows-1252').decode(bytes);
}

/** The lines of a Word document: its paragraphs, headings, table rows and list items, as mammoth reads them. */
export async function docxLines(bytes: Buffer): Promise<SourceLine[]> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch (e) {
    // mammoth fails only on what is not a Word document (not a zip, no document part): say so, as for text.
    if (!(e instanceof Error)) throw e;
    throw new MinutesFormatError(1, 'a Word document (.docx) that can be opened', e.message, ' of the file');
  }
  return linesFromHtml(html);
}

export async function readMinutes(format: MinutesFileFormat, bytes: Buffer): Promise<CouncilMinutes> {
  if (format !== 'docx') return parseCouncilMinutes(decodeText(bytes), format);
  const lines = await docxLines(bytes);
  try {
    return parseMinutesLines(lines);
  } catch (e) {
    // Word has no line numbers: say which lines are counted (paragraphs, table rows, list items, blank lines between).
    if (!(e instanceof MinutesFormatError)) throw e;
    throw new MinutesFormatError(e.line, e.expected, e.found, ' of the text read from the Word document (paragraphs, table rows and list items, a blank line between blocks)');
  }
}
