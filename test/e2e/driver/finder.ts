// The one element finder both drivers evaluate in the page, so a selector means the same thing in
// Chromium and in Firefox (see types.ts for the syntax). Kept as plain JavaScript text: it runs in
// the page by evaluate, where the helpers tsx adds to a compiled function do not exist.

export const FINDER = String.raw`(() => {
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim()
  const matcher = (want) => {
    const m = /^\/(.*)\/([a-z]*)$/.exec(want)
    if (m) { const re = new RegExp(m[1], m[2]); return (s) => re.test(s) }
    return (s) => s === want
  }
  const ROLES = {
    button: 'button, input[type=button], input[type=submit], input[type=reset], [role=button]',
    link: 'a[href], [role=link]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
    radio: 'input[type=radio], [role=radio]',
    checkbox: 'input[type=checkbox], [role=checkbox], [role=switch]',
    textbox: 'input:not([type]), input[type=text], input[type=password], input[type=search], input[type=email], input[type=number], textarea, [role=textbox]',
    combobox: 'select, [role=combobox]',
    img: 'img, [role=img]',
    alert: '[role=alert]',
    dialog: 'dialog, [role=dialog]',
    option: 'option, [role=option]',
  }
  const labelText = (el) => norm(Array.from(el.labels || []).map((l) => l.innerText || l.textContent).join(' '))
  const name = (el) => {
    const aria = el.getAttribute('aria-label')
    if (aria) return norm(aria)
    const by = el.getAttribute('aria-labelledby')
    if (by) return norm(by.split(/\s+/).map((id) => document.getElementById(id)?.textContent || '').join(' '))
    if (el.labels && el.labels.length) return labelText(el)
    if (el.tagName === 'IMG') return norm(el.getAttribute('alt'))
    if (el.tagName === 'INPUT') return norm(el.value)
    return norm(el.innerText || el.textContent)
  }
  const within = (root, css) => Array.from(root.querySelectorAll(css))
  const one = (root, part) => {
    let m
    if ((m = /^tid=(.*)$/.exec(part))) return within(root, '[data-testid="' + CSS.escape(m[1]) + '"]')
    if ((m = /^label=(.*)$/.exec(part))) {
      const ok = matcher(m[1])
      const out = []
      for (const l of within(root, 'label')) if (ok(norm(l.innerText || l.textContent)) && l.control) out.push(l.control)
      for (const el of within(root, '[aria-label]')) if (ok(norm(el.getAttribute('aria-label'))) && el.matches('input, textarea, select, [role=textbox], [role=combobox], [contenteditable]')) out.push(el)
      return out
    }
    if ((m = /^role=(\w+)(?: name=(.*))?$/.exec(part))) {
      const css = ROLES[m[1]] || '[role=' + m[1] + ']'
      const els = within(root, css)
      if (m[2] === undefined) return els
      const ok = matcher(m[2])
      return els.filter((el) => ok(name(el)))
    }
    if ((m = /^text=(.*)$/.exec(part))) {
      const want = m[1]
      const has = (el) => norm(el.innerText || el.textContent).includes(want)
      return within(root, '*').filter((el) => has(el) && !Array.from(el.children).some(has))
    }
    return within(root, part)
  }
  const visible = (el) => {
    if (!el.isConnected) return false
    if (el.checkVisibility) return el.checkVisibility({ visibilityProperty: true })
    return el.getClientRects().length > 0
  }
  const find = (selector) => {
    let set = [document]
    for (const part of selector.split(' >> ')) {
      const nth = /^nth=(-?\d+)$/.exec(part)
      if (nth) {
        const i = Number(nth[1])
        const el = i < 0 ? set[set.length + i] : set[i]
        set = el ? [el] : []
        continue
      }
      const next = []
      // inert content (the popup's picture of Home while it stands in) is not something a user can use
      for (const root of set) for (const el of one(root, part)) if (!next.includes(el) && !el.closest('[inert]')) next.push(el)
      set = next
    }
    return set
  }
  /** the element an action targets: the first visible match (else the first match) */
  const target = (selector) => {
    const all = find(selector)
    return all.find(visible) || all[0] || null
  }
  const text = (el) => (el.innerText !== undefined && visible(el) ? el.innerText : el.textContent || '')
  return { find, target, visible, text, name }
})()`

/** An expression that runs `body` with `f` (the finder) and `el` (the target of `selector`, or null). */
export function withTarget(selector: string, body: string): string {
  return `(() => { const f = ${FINDER}; const el = f.target(${JSON.stringify(selector)}); ${body} })()`
}

/** An expression that runs `body` with `f` and `all` (every match of `selector`). */
export function withAll(selector: string, body: string): string {
  return `(() => { const f = ${FINDER}; const all = f.find(${JSON.stringify(selector)}); ${body} })()`
}
