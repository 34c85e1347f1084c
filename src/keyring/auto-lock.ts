// Auto-lock: the wallet locks when nothing happened for `minutes`. Last activity is kept in
// storage.session, so the deadline survives a service-worker restart; the background arms a
// browser alarm at `deadline` and calls Keyring.checkAutoLock() when it rings. Every keyring
// operation checks the deadline too, so a late alarm never leaves the wallet open.
// The setting itself is the user's `settings.autoLockMinutes` (src/storage/settings.ts, default 15).
import { MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES } from '../storage/settings.ts'
import { keyringError } from './errors.ts'

export { MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES }

export function autoLockDeadline(lastActivity: number, minutes: number): number {
  return lastActivity + minutes * 60_000
}

export function checkAutoLockMinutes(minutes: unknown): number {
  if (
    typeof minutes !== 'number' ||
    !Number.isInteger(minutes) ||
    minutes < MIN_AUTO_LOCK_MINUTES ||
    minutes > MAX_AUTO_LOCK_MINUTES
  ) {
    throw keyringError(
      'BAD_AUTO_LOCK',
      `The auto-lock time is a whole number of minutes from ${MIN_AUTO_LOCK_MINUTES} to ${MAX_AUTO_LOCK_MINUTES}.`,
    )
  }
  return minutes
}
