// Selecting a span of a unit's words, the same way by keyboard, by taps (touch or mouse) and by the
// browser's own text selection. Offsets count words as the server does (wordsOf in shared/schemas/texts.ts),
// so the span and its quote are what the server will check the selection against.
import { wordsOf } from "../../../../shared/schemas/texts.ts";

/** Words [start, end): end is the word after the last one selected. */
export interface WordSpan {
  start: number;
  end: number;
}

/**
 * The selection as it is being made: `anchor` is the word the selection started from and `caret` the
 * word the keyboard is on; the span runs between them.
 */
export interface WordSelection {
  anchor: number;
  caret: number;
  /** A first tap sets the anchor; the next tap ends the span there (then a new tap starts again). */
  awaitingSecondTap: boolean;
}

export const spanOf = (s: WordSelection): WordSpan => ({ start: Math.min(s.anchor, s.caret), end: Math.max(s.anchor, s.caret) + 1 });

export const quoteOf = (text: string, span: WordSpan) => wordsOf(text).slice(span.start, span.end).join(" ");

export const startSelection = (word = 0): WordSelection => ({ anchor: word, caret: word, awaitingSecondTap: false });

/**
 * A key in the words list (a multi-select listbox): arrows move, Shift+arrows extend, Home/End go to the
 * ends. Null when the key is not one of these (the browser keeps it).
 */
export function keyToSelection(s: WordSelection, key: string, shift: boolean, count: number): WordSelection | null {
  const last = count - 1;
  const target = (() => {
    switch (key) {
      case "ArrowRight":
      case "ArrowDown":
        return Math.min(s.caret + 1, last);
      case "ArrowLeft":
      case "ArrowUp":
        return Math.max(s.caret - 1, 0);
      case "Home":
        return 0;
      case "End":
        return last;
      default:
        return null;
    }
  })();
  if (target === null) return null;
  return shift ? { anchor: s.anchor, caret: target, awaitingSecondTap: false } : { anchor: target, caret: target, awaitingSecondTap: false };
}

/** A tap (or click) on a word: the first one selects it, the second ends the span at the tapped word. */
export function tapToSelection(s: WordSelection | null, word: number): WordSelection {
  if (s?.awaitingSecondTap) return { anchor: s.anchor, caret: word, awaitingSecondTap: false };
  return { anchor: word, caret: word, awaitingSecondTap: true };
}

/** The word index of a node inside a rendered word (an element with data-w), or null. */
function wordIndexOf(node: Node | null): number | null {
  const el = node instanceof Element ? node : node?.parentElement;
  const w = el?.closest<HTMLElement>("[data-w]")?.dataset.w;
  return w === undefined ? null : Number(w);
}

/** The words the browser's own selection covers inside `container` (mouse drag, long press), if any. */
export function spanFromDomSelection(container: HTMLElement, selection: Selection | null): WordSpan | null {
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  if (!container.contains(selection.anchorNode) || !container.contains(selection.focusNode)) return null;
  const a = wordIndexOf(selection.anchorNode);
  const b = wordIndexOf(selection.focusNode);
  if (a === null || b === null) return null;
  return { start: Math.min(a, b), end: Math.max(a, b) + 1 };
}
