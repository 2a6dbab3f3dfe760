/** Someone as Teams names them: the channel account id (29:…), the Entra object id when known, and a display name. */
export interface PersonRef {
  id: string;
  aadObjectId?: string;
  name: string;
}

/** The same person, whether known by channel account id or by Entra object id. */
export function samePerson(a: PersonRef, b: PersonRef): boolean {
  if (a.aadObjectId && b.aadObjectId) return a.aadObjectId.toLowerCase() === b.aadObjectId.toLowerCase();
  return a.id === b.id;
}

/** Folds case, accents and spacing so "hakan  SUNDBERG" finds "Håkan Sundberg". */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
