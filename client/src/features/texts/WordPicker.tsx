// Choosing a span of a unit's words without a mouse drag: a multi-select list of the words. Keyboard:
// arrows move, Shift+arrows extend, Home/End jump. Touch and mouse: tap the first word, then the last.
// (The browser's text selection of the unit works as well; see UnitBlock.)
import { useId, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { wordsOf } from "../../../../shared/schemas/texts.ts";
import { keyToSelection, spanOf, startSelection, tapToSelection, type WordSelection, type WordSpan } from "./words.ts";

export function WordPicker({ text, label, span, onChange }: { text: string; label: string; span: WordSpan | null; onChange(span: WordSpan): void }) {
  const { t } = useTranslation("texts");
  const words = wordsOf(text);
  const id = useId();
  const [selection, setSelection] = useState<WordSelection | null>(span ? { anchor: span.start, caret: span.end - 1, awaitingSecondTap: false } : null);
  // Before anything is selected the keyboard caret rests on the first word (nothing selected yet).
  const current = selection ?? startSelection(0);
  const selected = selection ? spanOf(selection) : null;
  const apply = (next: WordSelection) => {
    setSelection(next);
    onChange(spanOf(next));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = keyToSelection(current, e.key, e.shiftKey, words.length);
    if (!next) return;
    e.preventDefault();
    apply(next);
    document.getElementById(`${id}-w${next.caret}`)?.scrollIntoView({ block: "nearest" });
  };
  return (
    <div className="word-picker">
      <p className="field__hint" id={`${id}-help`}>
        {t("select.help")}
      </p>
      <div
        role="listbox"
        aria-multiselectable="true"
        aria-label={label}
        aria-describedby={`${id}-help`}
        aria-activedescendant={`${id}-w${current.caret}`}
        tabIndex={0}
        className="word-picker__words"
        data-testid="word-picker"
        onKeyDown={onKeyDown}
      >
        {words.map((w, i) => {
          const isSelected = !!selected && i >= selected.start && i < selected.end;
          return (
            <span
              key={i}
              id={`${id}-w${i}`}
              role="option"
              aria-selected={isSelected}
              className={["word-picker__word", isSelected && "word-picker__word--selected", selection?.caret === i && "word-picker__word--caret"].filter(Boolean).join(" ")}
              onClick={() => apply(tapToSelection(selection, i))}
            >
              {w}
            </span>
          );
        })}
      </div>
      {selection?.awaitingSecondTap && <p className="field__hint">{t("select.tapLast")}</p>}
    </div>
  );
}
