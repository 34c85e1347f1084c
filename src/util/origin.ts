// A web origin as the user should read it: its registrable domain (the part a site owner controls,
// "example.co.uk" for "https://login.example.co.uk"), the host in Unicode next to its punycode, and
// what makes it look like another one (letters of other alphabets that look Latin, scripts mixed in
// one label). Used wherever the wallet shows which site asks (approval window, popup, settings) and
// to group requests by site (one flooding domain with many subdomains is one site).
//
// The registrable domain follows the Public Suffix List's algorithm with a short built-in list of the
// multi-label suffixes that matter most (country second levels, and hosting platforms where anyone can
// get a subdomain); any other name falls back to the list's default rule (the last label is the
// suffix). The full origin is always shown beside it.

/** Public suffixes of more than one label (lower case, ASCII). A site is one label more than these. */
const MULTI_LABEL_SUFFIXES = new Set(
  [
    // country second levels
    'co.uk org.uk me.uk ltd.uk plc.uk net.uk ac.uk gov.uk sch.uk nhs.uk police.uk',
    'com.au net.au org.au edu.au gov.au asn.au id.au',
    'co.nz net.nz org.nz govt.nz ac.nz school.nz geek.nz',
    'co.jp ne.jp or.jp ac.jp go.jp ad.jp ed.jp gr.jp lg.jp',
    'co.kr or.kr ne.kr re.kr go.kr ac.kr',
    'com.cn net.cn org.cn gov.cn edu.cn ac.cn',
    'com.hk net.hk org.hk edu.hk gov.hk idv.hk',
    'com.tw net.tw org.tw edu.tw gov.tw idv.tw',
    'com.sg net.sg org.sg edu.sg gov.sg',
    'co.in net.in org.in firm.in gen.in ind.in ac.in edu.in gov.in',
    'com.br net.br org.br gov.br edu.br art.br blog.br',
    'com.ar net.ar org.ar gob.ar edu.ar',
    'com.mx net.mx org.mx gob.mx edu.mx',
    'co.za net.za org.za gov.za ac.za web.za',
    'com.tr net.tr org.tr gen.tr biz.tr gov.tr edu.tr',
    'com.ua net.ua org.ua gov.ua in.ua kiev.ua',
    'co.il org.il net.il ac.il gov.il',
    'co.id or.id web.id ac.id go.id my.id',
    'com.my net.my org.my gov.my edu.my',
    'com.ph net.ph org.ph gov.ph edu.ph',
    'com.vn net.vn org.vn gov.vn edu.vn',
    'co.th in.th or.th go.th ac.th',
    'com.ng org.ng gov.ng edu.ng',
    'co.ke or.ke go.ke ac.ke',
    'com.pk net.pk org.pk gov.pk edu.pk',
    'com.sa net.sa org.sa gov.sa edu.sa',
    'com.eg org.eg gov.eg edu.eg',
    'com.co net.co org.co gov.co edu.co',
    'com.pe org.pe gob.pe edu.pe',
    'com.ve co.ve org.ve',
    'com.es org.es nom.es gob.es edu.es',
    'com.pl net.pl org.pl info.pl biz.pl',
    'co.at or.at ac.at gv.at',
    'com.ru net.ru org.ru pp.ru msk.ru spb.ru',
    'eu.com us.com uk.com gb.net',
    // platforms where anyone gets a subdomain: each subdomain is its own site
    'github.io gitlab.io pages.dev workers.dev vercel.app now.sh netlify.app netlify.com',
    'herokuapp.com web.app firebaseapp.com appspot.com glitch.me repl.co replit.app replit.dev',
    'onrender.com fly.dev railway.app azurewebsites.net azurestaticapps.net cloudfront.net',
    's3.amazonaws.com blogspot.com wordpress.com wixsite.com weebly.com webflow.io framer.app',
    'carrd.co notion.site surge.sh bitbucket.io codeberg.page ngrok.io ngrok-free.app ngrok.app',
    'trycloudflare.com loca.lt ipfs.dweb.link dweb.link ipns.dweb.link fleek.co on.fleek.co',
    'eth.limo eth.link 4everland.app',
  ]
    .join(' ')
    .split(/\s+/),
)

export interface OriginView {
  /** as the browser reported it */
  origin: string
  scheme: string
  /** the host as it travels (ASCII, punycode labels as xn--) */
  host: string
  /** the host with punycode labels decoded (equal to host when there are none) */
  unicodeHost: string
  port: string
  /** the registrable domain (ASCII), or the host for IP addresses and single-label names */
  site: string
  unicodeSite: string
  /** an IP address or localhost */
  loopbackOrIp: boolean
  /** plain http to a host that is not this computer */
  insecure: boolean
  /** the host has punycode (xn--) labels */
  punycode: boolean
  /** letters that are not ASCII, by script (e.g. ["Cyrillic"]) */
  scripts: string[]
  /** some label mixes scripts, or uses letters that look like Latin ones */
  lookalike: boolean
}

/** A registrable-domain key for grouping requests: the site of an origin, or the origin itself when it has no host. */
export function siteOf(origin: string): string {
  const v = describeOrigin(origin)
  return v ? v.site : origin
}

export function describeOrigin(origin: string): OriginView | null {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\[[0-9a-f:.]+\]|[^/:?#\s]+)(?::(\d{1,5}))?\/?$/i.exec(origin)
  if (!m) return null
  const scheme = m[1].toLowerCase()
  const host = m[2].toLowerCase().replace(/\.$/, '')
  const port = m[3] ?? ''
  const ip = isIpHost(host)
  const loopbackOrIp = ip || host === 'localhost' || host.endsWith('.localhost')
  const labels = host.split('.')
  const unicodeLabels = labels.map((l) => (l.startsWith('xn--') ? punycodeLabel(l) ?? l : l))
  const unicodeHost = unicodeLabels.join('.')
  const site = ip ? host : registrableDomain(host)
  const siteLabels = site.split('.').length
  const unicodeSite = ip ? host : unicodeLabels.slice(-siteLabels).join('.')
  const scripts = [...new Set(unicodeLabels.flatMap((l) => scriptsOf(l)))].filter((s) => s !== 'Latin')
  const lookalike = unicodeLabels.some((l) => scriptsOf(l).length > 1 || [...l].some((c) => LATIN_LOOKALIKES.has(c)))
  return {
    origin,
    scheme,
    host,
    unicodeHost,
    port,
    site,
    unicodeSite,
    loopbackOrIp,
    insecure: scheme === 'http' && !isLoopback(host),
    punycode: labels.some((l) => l.startsWith('xn--')),
    scripts,
    lookalike,
  }
}

export function registrableDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '')
  if (isIpHost(h)) return h
  const labels = h.split('.')
  if (labels.length <= 2) return h
  // the longest listed suffix that ends the host; by default the last label
  let suffixLabels = 1
  for (let n = labels.length - 1; n >= 2; n--) {
    if (MULTI_LABEL_SUFFIXES.has(labels.slice(-n).join('.'))) {
      suffixLabels = n
      break
    }
  }
  if (labels.length <= suffixLabels) return h
  return labels.slice(-(suffixLabels + 1)).join('.')
}

function isIpHost(h: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.startsWith('[')
}

function isLoopback(h: string): boolean {
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '[::1]'
}

// ---------------------------------------------------------------- scripts and lookalikes

const SCRIPTS: [name: string, re: RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
]

/** The scripts of a label's letters (digits and '-' have none); 'Other' for letters of scripts not listed. */
function scriptsOf(label: string): string[] {
  const found = new Set<string>()
  for (const c of label) {
    if (!/\p{L}|\p{M}/u.test(c)) continue
    const s = SCRIPTS.find(([, re]) => re.test(c))
    found.add(s ? s[0] : 'Other')
  }
  return [...found]
}

/** Letters of other alphabets (and Latin variants) that are easily read as a plain Latin letter. */
const LATIN_LOOKALIKES = new Set([
  ...'аВвЕеКкМмНнОоРрСсТтуХхЅѕІіЈјԁԛԝһӏЬьАЗзѡ', // Cyrillic
  ...'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαβεικνορτυχ', // Greek
  ...'օսոհաՏԼ', // Armenian
  ...'ɑɡɩɪʏıȷ', // Latin lookalike variants
  ...'ⅰⅼⅽⅾⅿ', // roman numerals
])

// ---------------------------------------------------------------- punycode (RFC 3492), decoding only

const BASE = 36
const TMIN = 1
const TMAX = 26
const SKEW = 38
const DAMP = 700
const INITIAL_BIAS = 72
const INITIAL_N = 128

function adapt(delta: number, numPoints: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1
  d += Math.floor(d / numPoints)
  let k = 0
  while (d > ((BASE - TMIN) * TMAX) >> 1) {
    d = Math.floor(d / (BASE - TMIN))
    k += BASE
  }
  return k + Math.floor(((BASE - TMIN + 1) * d) / (d + SKEW))
}

function digitOf(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 22 // '0'..'9' -> 26..35
  if (c >= 0x41 && c <= 0x5a) return c - 0x41 // 'A'..'Z'
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 // 'a'..'z'
  return BASE
}

/** Decodes one "xn--" label to Unicode; null when it is not valid punycode. */
export function punycodeLabel(label: string): string | null {
  if (!/^xn--/i.test(label) || label.length > 63) return null
  const input = label.slice(4)
  const cut = input.lastIndexOf('-')
  const output: number[] = []
  for (let j = 0; j < Math.max(cut, 0); j++) {
    const c = input.charCodeAt(j)
    if (c >= 0x80) return null
    output.push(c)
  }
  let n = INITIAL_N
  let bias = INITIAL_BIAS
  let i = 0
  for (let at = cut > 0 ? cut + 1 : 0; at < input.length; ) {
    const oldi = i
    let w = 1
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) return null
      const digit = digitOf(input.charCodeAt(at++))
      if (digit >= BASE) return null
      i += digit * w
      if (i > 0x7fffffff) return null
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias
      if (digit < t) break
      w *= BASE - t
      if (w > 0x7fffffff) return null
    }
    bias = adapt(i - oldi, output.length + 1, oldi === 0)
    n += Math.floor(i / (output.length + 1))
    if (n > 0x10ffff) return null
    i %= output.length + 1
    output.splice(i, 0, n)
    i++
  }
  try {
    return String.fromCodePoint(...output)
  } catch {
    return null
  }
}

/** An https URL, or http to this computer (127.0.0.0/8, [::1], localhost): where the wallet may send what a service needs. */
export function isSecureOrLoopbackUrl(url: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (u.username || u.password) return false
  if (u.protocol === 'https:') return true
  return u.protocol === 'http:' && isLoopback(u.hostname.toLowerCase())
}
