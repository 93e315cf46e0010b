// One unit of the reading view and its children: number, heading and words, and in the margin the
// number of comments and amendments with who engaged by category. The margin button opens the unit;
// selecting words of it with the mouse (or a long press) opens it with those words selected.
import { memo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { wordsOf } from "../../../../shared/schemas/texts.ts";
import type { ReadingUnit } from "./api.ts";
import { unitElementId } from "./paths.ts";
import { StanceBar } from "./StanceBar.tsx";
import { spanFromDomSelection, type WordSpan } from "./words.ts";

const HEADING_KINDS = new Set(["recitals", "chapter", "section", "article"]);

interface UnitBlockProps {
  unit: ReadingUnit;
  /** Heading level for this unit if it has a heading (2 for the outermost). */
  level: number;
  label: (unit: ReadingUnit) => string;
  selectedEId: string | null;
  onOpen(eId: string, span: WordSpan | null): void;
  /** The opened unit's panel, rendered right after its own text. */
  panel: ReactNode;
}

function Words({ text }: { text: string }) {
  // Each word keeps its trailing space so every text node of the selection lies inside a word.
  const words = wordsOf(text);
  return (
    <>
      {words.map((w, i) => (
        <span key={i} data-w={i}>
          {w}
          {i < words.length - 1 ? " " : ""}
        </span>
      ))}
    </>
  );
}

export const UnitBlock = memo(function UnitBlock({ unit, level, label, selectedEId, onOpen, panel }: UnitBlockProps) {
  const { t } = useTranslation("texts");
  const isHeading = HEADING_KINDS.has(unit.kind) && (unit.num || unit.heading);
  const H = `h${Math.min(level, 6)}` as "h2";
  const selected = selectedEId === unit.eId;
  const own = unit.counts;
  const onPointerUp = (e: React.PointerEvent<HTMLElement>) => {
    const span = spanFromDomSelection(e.currentTarget, window.getSelection());
    if (span) onOpen(unit.eId, span);
  };
  const name = label(unit);
  return (
    <div className={`unit unit--${unit.kind}${selected ? " unit--selected" : ""}`} id={unitElementId(unit.eId)} data-eid={unit.eId}>
      <div className="unit__row">
        <div className="unit__body">
          {isHeading ? (
            <H className="unit__heading">
              {unit.num && <span className="unit__num">{unit.num}</span>} {unit.heading}
            </H>
          ) : (
            unit.num && <span className="unit__num unit__num--inline">{unit.num} </span>
          )}
          {unit.text && (
            <p className="unit__text" onPointerUp={onPointerUp}>
              <Words text={unit.text} />
            </p>
          )}
        </div>
        <div className="unit__margin">
          <button
            type="button"
            className={`unit__open${own.comments + own.amendments > 0 ? " unit__open--busy" : ""}`}
            aria-expanded={selected}
            aria-label={
              t("margin.open", { unit: name, comments: t("margin.comments", { count: own.comments }), amendments: t("margin.amendments", { count: own.amendments }) }) +
              (own.positions > 0 ? `, ${t("text-citations:margin.positions", { count: own.positions })}` : "")
            }
            onClick={() => onOpen(unit.eId, null)}
            data-testid="unit-open"
          >
            {/* The label says it all for screen readers; the two lines are for the eye. */}
            <span aria-hidden="true" className="unit__open-line">
              {t("margin.comments", { count: own.comments })}
            </span>
            <span aria-hidden="true" className="unit__open-line">
              {t("margin.amendments", { count: own.amendments })}
            </span>
            {own.positions > 0 && (
              <span aria-hidden="true" className="unit__open-line" data-testid="unit-positions">
                {t("text-citations:margin.positions", { count: own.positions })}
              </span>
            )}
          </button>
          <StanceBar counts={unit.totals} />
        </div>
      </div>
      {selected && panel}
      {unit.children.length > 0 && (
        <div className="unit__children">
          {unit.children.map((child) => (
            <UnitBlock key={child.eId} unit={child} level={isHeading ? level + 1 : level} label={label} selectedEId={selectedEId} onOpen={onOpen} panel={panel} />
          ))}
        </div>
      )}
    </div>
  );
});
