/** Result of an idempotent write: `created` is false when the same source key was stored before. */
export interface Stored<T> {
  value: T;
  created: boolean;
}
