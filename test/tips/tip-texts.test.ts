import { expect } from '@open-wc/testing';
import { tipTexts } from './tip-texts.js';

describe('tip texts', () => {
  it('match the reviewed wording in tip-texts.txt', async () => {
    const golden = await (await fetch('/test/tips/tip-texts.txt')).text();
    expect(tipTexts()).to.equal(golden);
  });

  it('give each rule its own id', () => {
    const ids = [...tipTexts().matchAll(/^## (\S+) \(/gm)].map((match) => match[1]);
    // `input-unavailable` is one form told twice: before the run (static) and after it (runtime).
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).to.deep.equal(['input-unavailable']);
  });
});
