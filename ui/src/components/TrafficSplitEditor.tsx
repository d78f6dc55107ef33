import {
  CellLabel,
  EditorSection,
  newTarget,
  RemoveRowButton,
  SecretsCache,
  TargetDraft,
  TargetFields,
  TargetRowHead,
  wholeNumber,
} from "./TargetFields";

// The traffic split (Priority 1) of the endpoint details page: each request goes to one of its
// models, chosen at random by percentage.

/** The id prefix of a row's controls ("<prefix>-provider", "-model", "-key", "-percent"). */
export function splitRowId(row: TargetDraft): string {
  return "details-split-" + row.rowId;
}

/** The id of the total, which describes every percentage while it is not 100%. */
export const SPLIT_TOTAL_ID = "details-split-total";

/** The whole percentage typed in a row, or undefined when it is not one from 1 to 100. */
export function parsePercent(text: string): number | undefined {
  return wholeNumber(text, 1, 100);
}

/** The sum of the whole numbers typed (anything else counts as 0). */
export function splitTotal(rows: TargetDraft[]): number {
  return rows.reduce((sum, r) => sum + (wholeNumber(r.percent, 0, Infinity) ?? 0), 0);
}

export function TrafficSplitEditor(props: {
  rows: TargetDraft[];
  onChange: (rows: TargetDraft[]) => void;
  secrets: SecretsCache;
  draftedKeyNames: (rowId: string) => string[];
  disabled?: boolean;
  /** The form's errors by control id (see endpointDraft.ts). */
  errors?: Map<string, string>;
}) {
  const { rows } = props;
  const total = splitTotal(rows);
  const ok = total === 100;

  function update(index: number, row: TargetDraft) {
    props.onChange(rows.map((r, i) => (i === index ? row : r)));
  }

  return (
    <EditorSection
      id="details-split"
      title="Traffic split"
      priority={1}
      description="Each request goes to one of these models, chosen at random by percentage. The percentages must add up to 100%."
      addLabel="Add model"
      onAdd={() => props.onChange([...rows, newTarget("50")])}
      disabled={props.disabled}
      footer={
        <span
          id={SPLIT_TOTAL_ID}
          className={"details-total " + (ok ? "details-total-ok" : "details-total-bad")}
          aria-live="polite"
        >
          Total: {total}%{!ok && " (must equal 100%)"}
        </span>
      }
    >
      <>
        <TargetRowHead extraColumn="Percentage" />
        {rows.map((row, i) => {
          const label = "model " + (i + 1);
          const id = splitRowId(row);
          const percentError = props.errors?.get(id + "-percent");
          const percentDescribedBy = [percentError ? id + "-percent-error" : "", ok ? "" : SPLIT_TOTAL_ID]
            .filter(Boolean)
            .join(" ");
          return (
            <div className="details-row" key={row.rowId} role="group" aria-label={"Traffic split " + label}>
              <span className="details-index" aria-hidden="true">
                <span className="details-index-word">Model </span>
                {i + 1}
              </span>
              <TargetFields
                row={row}
                label={label}
                idPrefix={id}
                secrets={props.secrets}
                draftedKeyNames={props.draftedKeyNames(row.rowId)}
                onChange={(r) => update(i, r)}
                disabled={props.disabled}
                errors={props.errors}
              />
              <div className="details-cell">
                <CellLabel text="Percentage" />
                <div className="details-percent">
                  <label className="sr-only" htmlFor={id + "-percent"}>
                    Percentage for {label}
                  </label>
                  <input
                    id={id + "-percent"}
                    className="input"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={100}
                    step={1}
                    value={row.percent}
                    aria-invalid={percentError || !ok ? true : undefined}
                    aria-describedby={percentDescribedBy || undefined}
                    disabled={props.disabled}
                    onChange={(e) => update(i, { ...row, percent: e.target.value })}
                  />
                  <span aria-hidden="true">%</span>
                </div>
                {percentError && (
                  <span className="field-error details-percent-error" id={id + "-percent-error"}>
                    {percentError}
                  </span>
                )}
              </div>
              <div className="details-cell details-row-actions">
                <RemoveRowButton
                  label={label}
                  title={rows.length === 1 ? "An endpoint needs at least one model" : undefined}
                  disabled={props.disabled || rows.length === 1}
                  onClick={() => props.onChange(rows.filter((_, j) => j !== i))}
                />
              </div>
            </div>
          );
        })}
      </>
    </EditorSection>
  );
}
