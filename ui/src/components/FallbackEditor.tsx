import { useEffect, useRef, useState } from "react";
import {
  EditorSection,
  newTarget,
  RemoveRowButton,
  SecretsCache,
  TargetDraft,
  TargetFields,
  TargetRowHead,
  wholeNumber,
} from "./TargetFields";

// The fallback list (Priority 2) of the endpoint details page: tried in order when the traffic
// split fails. Reordered by dragging a row's handle, or from the keyboard with Move up / Move down.

export interface FallbackDraft {
  rows: TargetDraft[];
  /** How many fallbacks to try, as typed. */
  maxAttempts: string;
}

/** The id prefix of a row's controls ("<prefix>-provider", "-model", "-key"). */
export function fallbackRowId(row: TargetDraft): string {
  return "details-fallback-" + row.rowId;
}

export const MAX_ATTEMPTS_ID = "details-max-attempts";

/** The max attempts typed, or undefined when it is not a whole number from 1 to the fallback count. */
export function parseMaxAttempts(text: string, count: number): number | undefined {
  return wholeNumber(text, 1, count);
}

function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

export function FallbackEditor(props: {
  value: FallbackDraft;
  onChange: (value: FallbackDraft) => void;
  secrets: SecretsCache;
  draftedKeyNames: (rowId: string) => string[];
  disabled?: boolean;
  /** The form's errors by control id (see endpointDraft.ts). */
  errors?: Map<string, string>;
}) {
  const { rows, maxAttempts } = props.value;
  const [dragging, setDragging] = useState<number>();
  const [over, setOver] = useState<number>();
  const [announcement, setAnnouncement] = useState("");
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const focusAfterMove = useRef<{ rowId: string; direction: "up" | "down" }>(undefined);

  // After a keyboard move, keep focus on the moved row (on the other button when its own is now disabled).
  useEffect(() => {
    const pending = focusAfterMove.current;
    if (!pending) return;
    focusAfterMove.current = undefined;
    const item = itemRefs.current.get(pending.rowId);
    const own = item?.querySelector<HTMLButtonElement>(`[data-move="${pending.direction}"]`);
    const other = item?.querySelector<HTMLButtonElement>(`[data-move="${pending.direction === "up" ? "down" : "up"}"]`);
    (own && !own.disabled ? own : other)?.focus();
  }, [rows]);

  const count = rows.length;

  function setRows(next: TargetDraft[]) {
    // Max attempts follows the list: "all of them" stays all; never more than there are.
    const current = parseMaxAttempts(maxAttempts, count);
    let nextMax = maxAttempts;
    if (next.length > count && (count === 0 || current === count)) nextMax = String(next.length);
    else if (next.length < count && current !== undefined && current > next.length) nextMax = String(next.length);
    props.onChange({ rows: next, maxAttempts: nextMax });
  }

  function reorder(from: number, to: number, direction?: "up" | "down") {
    if (from === to || to < 0 || to >= count) return;
    if (direction) focusAfterMove.current = { rowId: rows[from].rowId, direction };
    setAnnouncement(`Fallback moved from position ${from + 1} to position ${to + 1}.`);
    setRows(move(rows, from, to));
  }

  return (
    <EditorSection
      id="details-fallback"
      title="Fallbacks"
      priority={2}
      description="When the traffic split fails (an error, a timeout or a rate limit), these models are tried in order until one answers."
      addLabel="Add fallback model"
      onAdd={() => setRows([...rows, newTarget()])}
      disabled={props.disabled}
      footer={
        count > 0 && (
          <MaxAttempts
            value={maxAttempts}
            count={count}
            disabled={props.disabled}
            error={props.errors?.get(MAX_ATTEMPTS_ID)}
            onChange={(text) => props.onChange({ rows, maxAttempts: text })}
          />
        )
      }
    >
      {count === 0 ? (
        <p className="details-empty">No fallback models. Requests fail when the traffic split fails.</p>
      ) : (
        <>
          <TargetRowHead className="details-fallback-head" />
          <div className="details-chain-start" aria-hidden="true">
            <span className="details-node details-node-primary">P</span>
            <span className="muted">Traffic split fails</span>
          </div>
          <ol className="details-chain" aria-label="Fallback order">
            {rows.map((row, i) => {
              const label = "fallback " + (i + 1);
              const classes = ["details-row", "details-chain-item"];
              if (dragging === i) classes.push("details-dragging");
              if (over === i && dragging !== undefined && dragging !== i) {
                classes.push(dragging < i ? "details-drop-after" : "details-drop-before");
              }
              return (
                <li
                  key={row.rowId}
                  className={classes.join(" ")}
                  aria-label={"Fallback " + (i + 1)}
                  ref={(el) => {
                    if (el) itemRefs.current.set(row.rowId, el);
                    else itemRefs.current.delete(row.rowId);
                  }}
                  onDragOver={(e) => {
                    if (dragging === undefined) return;
                    e.preventDefault();
                    e.dataTransfer.dropEffect = "move";
                    if (over !== i) setOver(i);
                  }}
                  onDrop={(e) => {
                    e.preventDefault();
                    if (dragging !== undefined) reorder(dragging, i);
                    setDragging(undefined);
                    setOver(undefined);
                  }}
                >
                  <div className="details-order">
                    <span
                      className="details-drag-handle"
                      draggable={!props.disabled}
                      aria-hidden="true"
                      title="Drag to reorder"
                      onDragStart={(e) => {
                        setDragging(i);
                        e.dataTransfer.effectAllowed = "move";
                        e.dataTransfer.setData("text/plain", String(i));
                        const item = itemRefs.current.get(row.rowId);
                        if (item) e.dataTransfer.setDragImage(item, 16, 16);
                      }}
                      onDragEnd={() => {
                        setDragging(undefined);
                        setOver(undefined);
                      }}
                    >
                      ⋮⋮
                    </span>
                    <span className="details-node">{i + 1}</span>
                    <span className="details-index-word" aria-hidden="true">
                      Fallback
                    </span>
                  </div>
                  <TargetFields
                    row={row}
                    label={label}
                    idPrefix={fallbackRowId(row)}
                    secrets={props.secrets}
                    draftedKeyNames={props.draftedKeyNames(row.rowId)}
                    onChange={(r) => setRows(rows.map((x, j) => (j === i ? r : x)))}
                    disabled={props.disabled}
                    errors={props.errors}
                  />
                  <div className="details-cell details-row-actions">
                    <button
                      type="button"
                      className="icon-button"
                      data-move="up"
                      aria-label={`Move ${label} up`}
                      title="Move up"
                      disabled={props.disabled || i === 0}
                      onClick={() => reorder(i, i - 1, "up")}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="icon-button"
                      data-move="down"
                      aria-label={`Move ${label} down`}
                      title="Move down"
                      disabled={props.disabled || i === count - 1}
                      onClick={() => reorder(i, i + 1, "down")}
                    >
                      ↓
                    </button>
                    <RemoveRowButton
                      label={label}
                      disabled={props.disabled}
                      onClick={() => setRows(rows.filter((_, j) => j !== i))}
                    />
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
      <div className="sr-only" aria-live="polite">
        {announcement}
      </div>
    </EditorSection>
  );
}

/** How many fallbacks to try, from 1 to all of them. */
function MaxAttempts(props: {
  value: string;
  count: number;
  disabled?: boolean;
  error?: string;
  onChange: (text: string) => void;
}) {
  const { count } = props;
  const valid = parseMaxAttempts(props.value, count) !== undefined;
  return (
    <div className="details-max-attempts">
      <label htmlFor={MAX_ATTEMPTS_ID}>Max attempts</label>
      <input
        id={MAX_ATTEMPTS_ID}
        className="input"
        type="number"
        inputMode="numeric"
        min={1}
        max={count}
        step={1}
        value={props.value}
        aria-invalid={valid ? undefined : true}
        aria-describedby={MAX_ATTEMPTS_ID + "-hint" + (props.error ? " " + MAX_ATTEMPTS_ID + "-error" : "")}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <span id={MAX_ATTEMPTS_ID + "-hint"} className="muted">
        {count === 1 ? "Must be 1 with one fallback" : `How many fallbacks to try, from 1 to ${count}`}
      </span>
      {props.error && (
        <span id={MAX_ATTEMPTS_ID + "-error"} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
