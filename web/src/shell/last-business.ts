const key = 'clerq.lastBusiness';

/** The business opened last on this device, so `/` goes back to it. */
export function lastBusiness(): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function rememberBusiness(id: string): void {
  try {
    localStorage.setItem(key, id);
  } catch {
    // private mode: nothing to remember
  }
}
