import type { PersonRef } from '../domain/person';

/** A person stored as three columns `<prefix>_id`, `<prefix>_aad_object_id`, `<prefix>_name`. */
export const personFrom = (id: string, aad: string | null, name: string): PersonRef => ({
  id,
  name,
  ...(aad ? { aadObjectId: aad } : {}),
});
