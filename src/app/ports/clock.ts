/** The time, as the use cases read it (a fixed clock in tests). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
