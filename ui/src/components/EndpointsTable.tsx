import { useEffect, useRef } from "react";
import { callerMay, Endpoint, fallbacks, percentages, primaries } from "../api";
import { HealthProblem } from "../endpointHealth";
import { providersOf, SortDir, SortKey } from "../endpointsView";
import { formatDate, plural } from "../format";
import { links } from "../router";
import { OptionalColumn } from "./ColumnChooser";

// One page of the Endpoints list: a checkbox per row the caller may delete (and one for the page),
// headers that sort, the columns the user chose, and each endpoint's health problems beside its name.

export type EndpointColumn = "provider" | "models" | "updated" | "created";

export const ENDPOINT_COLUMNS: OptionalColumn<EndpointColumn>[] = [
  { id: "provider", label: "Provider" },
  { id: "models", label: "Models" },
  { id: "updated", label: "Last modified" },
  { id: "created", label: "Created" },
];

export function EndpointsTable(props: {
  endpoints: Endpoint[];
  nameOf: (id: string | undefined) => string;
  problemsOf: (e: Endpoint) => HealthProblem[];
  hidden: Set<EndpointColumn>;
  sort: SortKey;
  dir: SortDir;
  onSort: (key: SortKey) => void;
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onUse: (e: Endpoint) => void;
  onDelete: (e: Endpoint) => void;
}) {
  const shown = (c: EndpointColumn) => !props.hidden.has(c);
  const selectable = props.endpoints.filter((e) => callerMay(e, "MANAGE")).map((e) => e.endpoint_id);
  const header = (key: SortKey, label: string) => (
    <SortHeader key={key} label={label} active={props.sort === key} dir={props.dir} onClick={() => props.onSort(key)} />
  );
  return (
    <div className="list-scroll">
      <table className="table list-table">
        <thead>
          <tr>
            <th scope="col" className="list-check">
              {selectable.length > 0 && (
                <PageCheckbox
                  selected={selectable.filter((id) => props.selected.has(id)).length}
                  of={selectable.length}
                  onChange={(on) => props.onSelect(selectable, on)}
                />
              )}
            </th>
            {header("name", "Name")}
            {shown("provider") && header("provider", "Provider")}
            {shown("models") && header("models", "Models")}
            {shown("updated") && header("updated", "Last modified")}
            {shown("created") && header("created", "Created")}
            <th scope="col" className="actions">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.endpoints.map((e) => (
            <tr key={e.endpoint_id} className={props.selected.has(e.endpoint_id) ? "list-row-selected" : undefined}>
              <td className="list-check">
                {callerMay(e, "MANAGE") && (
                  <input
                    type="checkbox"
                    aria-label={"Select " + e.name}
                    checked={props.selected.has(e.endpoint_id)}
                    onChange={(ev) => props.onSelect([e.endpoint_id], ev.target.checked)}
                  />
                )}
              </td>
              <td className="cell-name">
                <a href={links.endpoint(e.endpoint_id)}>{e.name}</a>
                {props.problemsOf(e).map((p) => (
                  <HealthFlag key={p.kind} problem={p} />
                ))}
              </td>
              {shown("provider") && (
                <td>
                  {providersOf(e)
                    .map((p) => props.nameOf(p))
                    .join(", ") || <span className="muted">—</span>}
                </td>
              )}
              {shown("models") && (
                <td>
                  <ModelsCell endpoint={e} />
                </td>
              )}
              {shown("updated") && <td className="cell-date">{formatDate(e.last_updated_at)}</td>}
              {shown("created") && <td className="cell-date">{formatDate(e.created_at)}</td>}
              <td className="actions">
                <button type="button" className="button small" aria-label={"Use " + e.name} onClick={() => props.onUse(e)}>
                  Use
                </button>
                {callerMay(e, "MANAGE") && (
                  <>
                    {" "}
                    <button
                      type="button"
                      className="button small danger-text"
                      aria-label={"Delete " + e.name}
                      onClick={() => props.onDelete(e)}
                    >
                      Delete
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A column header that sorts by its column: aria-sort says which column and which way. */
function SortHeader(props: { label: string; active: boolean; dir: SortDir; onClick: () => void }) {
  return (
    <th scope="col" aria-sort={props.active ? (props.dir === "asc" ? "ascending" : "descending") : undefined}>
      <button type="button" className={"list-sort" + (props.active ? " list-sort-active" : "")} onClick={props.onClick}>
        {props.label}
        <span aria-hidden="true" className="list-sort-arrow">
          {props.active ? (props.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}

/** Selects or clears every selectable row of the page; mixed while only some are selected. */
function PageCheckbox(props: { selected: number; of: number; onChange: (on: boolean) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const mixed = props.selected > 0 && props.selected < props.of;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all endpoints on this page"
      checked={props.selected === props.of}
      onChange={(e) => props.onChange(e.target.checked)}
    />
  );
}

/** A problem beside the endpoint's name: an icon and a few words, the whole story as its accessible name. */
function HealthFlag(props: { problem: HealthProblem }) {
  return (
    <span
      className={"list-health list-health-" + props.problem.kind}
      role="img"
      aria-label={props.problem.label + ": " + props.problem.detail}
      title={props.problem.detail}
    >
      <span aria-hidden="true" className="list-health-icon">
        ⚠
      </span>
      {props.problem.label}
    </span>
  );
}

/** The traffic split ("gpt-4o 80% · gpt-4o-mini 20%", in stored order) and how many fallbacks back it up. */
function ModelsCell(props: { endpoint: Endpoint }) {
  const split = primaries(props.endpoint);
  const shares = percentages(split);
  const backups = fallbacks(props.endpoint);
  return (
    <span className="list-models">
      {split.map((m, i) => (
        <span key={m.mapping_id} className="list-model">
          {i > 0 && <span className="list-sep" aria-hidden="true"> · </span>}
          {modelName(m.model_definition?.model_name, m.model_definition_id)}
          {split.length > 1 && <span className="list-share"> {shares[i]}%</span>}
        </span>
      ))}
      {backups.length > 0 && (
        <span
          className="list-fallbacks muted"
          title={"Fallbacks: " + backups.map((m) => modelName(m.model_definition?.model_name, m.model_definition_id)).join(", ")}
        >
          {" "}
          +{plural(backups.length, "fallback")}
        </span>
      )}
    </span>
  );
}

function modelName(name: string | undefined, definitionId: string): string {
  return name ?? definitionId;
}
