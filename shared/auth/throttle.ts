import { createHash } from 'node:crypto';
import { entities } from '../db/service.js';

/** A fixed-window limit: at most `max` events per `windowSeconds` for one key. */
export interface Limit {
  name: string;
  max: number;
  windowSeconds: number;
}

/** Failed sign-ins per email: 5 in 15 minutes, then the person waits (whether or not the account exists). */
export const signInFailuresPerEmail: Limit = { name: 'signin-email', max: 5, windowSeconds: 15 * 60 };
/** Failed sign-ins per source address, against password spraying across many emails. */
export const signInFailuresPerIp: Limit = { name: 'signin-ip', max: 50, windowSeconds: 15 * 60 };
/** Client registrations per source address. Real clients register once per instance; 30 an hour is generous. */
export const registrationsPerIp: Limit = { name: 'register-ip', max: 30, windowSeconds: 60 * 60 };
/** Sign-ups per source address (open sign-up mode would otherwise let one address create businesses without end). */
export const signUpsPerIp: Limit = { name: 'signup-ip', max: 10, windowSeconds: 60 * 60 };

interface Window {
  bucket: string;
  /** When the window ends (epoch seconds): the Retry-After of a refusal. */
  endsAt: number;
}

/** Keys (emails, addresses) are hashed so counters hold no personal data. */
function windowFor(limit: Limit, key: string, now: number): Window {
  const start = Math.floor(now / 1000 / limit.windowSeconds) * limit.windowSeconds;
  const hashed = createHash('sha256').update(key).digest('base64url').slice(0, 22);
  return { bucket: `${limit.name}#${start}#${hashed}`, endsAt: start + limit.windowSeconds };
}

export interface ThrottleState {
  blocked: boolean;
  retryAfterSeconds: number;
}

function state(limit: Limit, count: number, w: Window, now: number): ThrottleState {
  return { blocked: count >= limit.max, retryAfterSeconds: Math.max(1, w.endsAt - Math.floor(now / 1000)) };
}

/** Whether the key has used up its window, without counting an event. */
export async function peek(limit: Limit, key: string, now = Date.now()): Promise<ThrottleState> {
  const w = windowFor(limit, key, now);
  const { data } = await entities.rateLimit.get({ bucket: w.bucket }).go();
  return state(limit, data?.count ?? 0, w, now);
}

/**
 * Counts one event (an atomic ADD, so concurrent requests cannot both slip under the limit) and
 * says whether the key is now over it. The counter expires by TTL a window after it ends.
 */
export async function hit(limit: Limit, key: string, now = Date.now()): Promise<ThrottleState & { count: number }> {
  const w = windowFor(limit, key, now);
  const { data } = await entities.rateLimit
    .update({ bucket: w.bucket })
    .add({ count: 1 })
    .set({ ttl: w.endsAt + limit.windowSeconds })
    .go({ response: 'all_new' });
  const count = data.count ?? 1;
  // `hit` counts the event itself, so being blocked means going past the limit.
  return { ...state(limit, count - 1, w, now), count };
}
