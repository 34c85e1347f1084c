import { test } from 'node:test'
import assert from 'node:assert/strict'
import { classifySender } from '../../src/provider/sender.ts'

const ID = 'abcdefghijklmnopabcdefghijklmnop'
const EXT = `chrome-extension://${ID}`

test('the wallet\'s own pages are extension pages', () => {
  assert.deepEqual(classifySender({ id: ID, url: `${EXT}/popup.html` }, ID, EXT), { kind: 'extension-page' })
  assert.deepEqual(classifySender({ id: ID, url: `${EXT}/app.html#/x`, tab: { id: 4 } }, ID, EXT), { kind: 'extension-page' })
})

test('content scripts get the origin the browser reports, per frame', () => {
  assert.deepEqual(classifySender({ id: ID, url: 'https://app.example/x?y', origin: 'https://app.example', tab: { id: 7 }, frameId: 0 }, ID, EXT), {
    kind: 'content',
    origin: 'https://app.example',
    tabId: 7,
    frameId: 0,
  })
  // an iframe of another site inside a connected page is its own origin
  const frame = classifySender({ id: ID, url: 'https://evil.example/frame', tab: { id: 7 }, frameId: 3 }, ID, EXT)
  assert.deepEqual(frame, { kind: 'content', origin: 'https://evil.example', tabId: 7, frameId: 3 })
})

test('other extensions, opaque origins and look-alike URLs are rejected', () => {
  assert.equal(classifySender({ id: 'other', url: `${EXT}/popup.html` }, ID, EXT).kind, 'rejected')
  assert.equal(classifySender({ id: ID, url: 'about:blank', origin: 'null', tab: { id: 1 } }, ID, EXT).kind, 'rejected')
  assert.equal(classifySender({ id: ID, url: 'file:///etc/passwd', tab: { id: 1 } }, ID, EXT).kind, 'rejected')
  assert.equal(classifySender({ id: ID, url: `${EXT}.evil.example/popup.html`, tab: { id: 1 } }, ID, EXT).kind, 'rejected')
  assert.equal(classifySender({ id: ID, url: 'https://a.example' }, ID, EXT).kind, 'rejected')
})
