// The popup's first script (build.mjs loads it `async`, ahead of the main one, and it is a few KB):
// it reads the picture of Home (src/wallet/home-snapshot.ts) from storage.session, which needs no
// background, and shows it (./snapshot.ts) when the popup opens on Home and the main script has not
// put a live screen there yet. The main script's screens then take over.
import { HOME_SNAPSHOT_KEY, readHomeSnapshot } from '../../src/wallet/home-snapshot.ts'
import { isHomeRoute, sessionArea, showSnapshot, snapshotState } from './snapshot.ts'

const area = sessionArea()
const state = snapshotState()
if (area && !state.settled && isHomeRoute(location.hash)) {
  area
    .get(HOME_SNAPSHOT_KEY)
    .then((got) => {
      const snap = readHomeSnapshot(got?.[HOME_SNAPSHOT_KEY])
      if (!snap) return
      if (document.readyState !== 'loading') showSnapshot(snap, state)
      else document.addEventListener('readystatechange', () => showSnapshot(snap, state), { once: true })
    })
    .catch(() => undefined)
}
