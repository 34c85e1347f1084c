// Times on the popup's screens: the wallet's one time format (ui/lib/time.ts).
export { ago, date, when } from '../../lib/time.ts'
