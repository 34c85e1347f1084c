// Times on the bridge screens: the wallet's one time format (ui/lib/time.ts).
export { date, relative } from '../../lib/time.ts'
