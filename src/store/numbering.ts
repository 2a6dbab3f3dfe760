import { isDeadlock, isUniqueViolation } from './database';

/**
 * Runs an insert that takes the next number (§ or R) or a source key that another writer may take at the
 * same moment. A unique-constraint refusal means someone else won: look again and retry, a few times; so
 * does PostgreSQL's deadlock abort (two writers taking the same rows in different orders).
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, tries = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (e) {
      if (!(isUniqueViolation(e) || isDeadlock(e)) || i >= tries) throw e;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5 * i)));
    }
  }
}
