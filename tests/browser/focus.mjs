// Keyboard focus checks: where focus is and whether a sighted keyboard user can see it.
import assert from 'node:assert/strict';

function luminance([r, g, b]) {
  const c = [r, g, b].map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

export function contrast(a, b) {
  const [la, lb] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (la + 0.05) / (lb + 0.05);
}

// Describes the focused element: its outline and the colour the outline is drawn against (the element's own
// background for an inset outline, otherwise whatever is painted just outside the outline).
export async function focusInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { rgb: p.slice(0, 3), alpha: p.length > 3 ? p[3] : 1 };
    };
    const opaqueBackground = (start) => {
      for (let n = start; n && n.nodeType === 1; n = n.parentElement) {
        const c = parse(getComputedStyle(n).backgroundColor);
        if (c && c.alpha > 0.5) return c.rgb;
      }
      return [255, 255, 255];
    };
    const cs = getComputedStyle(el);
    const width = parseFloat(cs.outlineWidth) || 0;
    const offset = parseFloat(cs.outlineOffset) || 0;
    const r = el.getBoundingClientRect();
    let against;
    if (offset < 0) {
      against = opaqueBackground(el);
    } else {
      const gap = offset + width + 1;
      const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
      const x = r.left - gap >= 0 ? r.left - gap : Math.min(r.right + gap, innerWidth - 1);
      const under = document.elementsFromPoint(x, y).find((n) => n !== el && !el.contains(n));
      against = opaqueBackground(under || document.body);
    }
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      text: (el.textContent || el.value || '').trim().slice(0, 40),
      insideMain: !!document.querySelector('main')?.contains(el),
      outlineStyle: cs.outlineStyle,
      outlineWidth: width,
      outlineColor: parse(cs.outlineColor)?.rgb,
      against,
      rect: { x: r.left, y: r.top, w: r.width, h: r.height },
      viewport: { w: innerWidth, h: innerHeight },
    };
  });
}

// Focus is on screen, drawn with an outline at least 2px wide, at 3:1 or better against what surrounds it
// (WCAG 2.1 SC 2.4.7 and 1.4.11).
export function assertFocusVisible(info, where) {
  assert.ok(info, `${where}: nothing has focus`);
  const what = `${where}: focused <${info.tag}> “${info.text}”`;
  assert.notEqual(info.outlineStyle, 'none', `${what} has no outline`);
  assert.ok(info.outlineWidth >= 2, `${what} outline is only ${info.outlineWidth}px`);
  assert.ok(info.rect.w > 0 && info.rect.h > 0, `${what} has no size`);
  assert.ok(info.rect.x >= 0 && info.rect.x + info.rect.w <= info.viewport.w + 1, `${what} is off screen: ${JSON.stringify(info.rect)}`);
  const ratio = contrast(info.outlineColor, info.against);
  assert.ok(ratio >= 3, `${what}: outline rgb(${info.outlineColor}) on rgb(${info.against}) has contrast ${ratio.toFixed(2)}:1`);
}
