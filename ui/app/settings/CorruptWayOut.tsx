// What to do when the saved vault is damaged: the message already says it; this is the button.
import { href } from '../nav.ts'

export function CorruptWayOut() {
  return (
    <p>
      <a class="button" href={href('settings/reset')}>
        Reset and restore from your phrase
      </a>
    </p>
  )
}
