import { useEffect, useId, useMemo, useRef, useState } from "react";
import { CatalogModel } from "../api";
import { loadModels } from "../catalog";
import { countOf, formatCost, formatTokens } from "../format";
import { useLoadFor } from "../useLoad";
import { Modal } from "./Modal";
import { Badge, ErrorMessage, Loading } from "./States";

// A read-only input that opens a searchable dialog of the provider's catalog models, with capability
// badges, context window and prices; a name not in the catalog can be used as typed.

/** The capability badges of a catalog model, in MLflow's order. */
export function modelCapabilities(m: CatalogModel): string[] {
  const caps: string[] = [];
  if (m.supports_function_calling) caps.push("Tools");
  if (m.supports_reasoning) caps.push("Reasoning");
  if (m.supports_prompt_caching) caps.push("Caching");
  if (m.supports_vision) caps.push("Vision");
  if (m.supports_response_schema) caps.push("Structured");
  return caps;
}

function ModelFacts(props: { model: CatalogModel; id?: string }) {
  const m = props.model;
  const caps = modelCapabilities(m);
  return (
    <span className="model-facts" id={props.id}>
      {caps.map((c) => (
        <Badge key={c} tone="accent">
          {c}
        </Badge>
      ))}
      <span className="model-fact">
        <span className="muted">Context</span> {formatTokens(m.max_input_tokens)}
      </span>
      <span className="model-fact">
        <span className="muted">Input</span> {formatCost(m.input_cost_per_token)}
      </span>
      <span className="model-fact">
        <span className="muted">Output</span> {formatCost(m.output_cost_per_token)}
      </span>
    </span>
  );
}

export function ModelSelect(props: {
  id?: string;
  provider: string | undefined;
  value: string | undefined;
  onChange: (model: string) => void;
  disabled?: boolean;
}) {
  const generatedId = useId();
  const inputId = props.id ?? generatedId + "-input";
  const [open, setOpen] = useState(false);
  const provider = props.provider;
  const models = useLoadFor(provider, (p) => (p ? loadModels(p) : Promise.resolve([] as CatalogModel[])));
  const chosen = props.value ? models.data?.find((m) => m.model === props.value) : undefined;
  const disabled = props.disabled || !props.provider;

  return (
    <div className="model-select">
      <input
        id={inputId}
        className="input"
        readOnly
        aria-haspopup="dialog"
        aria-describedby={props.value ? inputId + "-facts" : undefined}
        placeholder={props.provider ? "Click to select a model" : "Select a provider first"}
        value={props.value ?? ""}
        disabled={disabled}
        onClick={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " " || e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
          }
        }}
      />
      {props.value && props.provider && (
        <div className="model-select-chosen" id={inputId + "-facts"}>
          {chosen ? (
            <ModelFacts model={chosen} />
          ) : models.loading ? null : (
            <span className="muted">Not in the catalog: the name is sent to the provider as written.</span>
          )}
        </div>
      )}
      {open && props.provider && (
        <ModelDialog
          provider={props.provider}
          models={models.data}
          loading={models.loading}
          error={models.error}
          onRetry={models.reload}
          value={props.value}
          onClose={() => setOpen(false)}
          onSelect={(model) => {
            setOpen(false);
            props.onChange(model);
          }}
        />
      )}
    </div>
  );
}

const MAX_ROWS = 200;

type Row = { kind: "model"; model: CatalogModel } | { kind: "custom"; name: string };

function ModelDialog(props: {
  provider: string;
  models: CatalogModel[] | undefined;
  loading: boolean;
  error: string | undefined;
  onRetry: () => void;
  value: string | undefined;
  onClose: () => void;
  onSelect: (model: string) => void;
}) {
  const listId = useId();
  const [search, setSearch] = useState("");
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLUListElement>(null);
  const all = props.models ?? [];
  const text = search.trim();

  const found = useMemo(() => {
    const q = text.toLowerCase();
    return q ? all.filter((m) => m.model.toLowerCase().includes(q)) : all;
  }, [all, text]);
  const rows: Row[] = useMemo(() => {
    const r: Row[] = found.slice(0, MAX_ROWS).map((model) => ({ kind: "model", model }));
    if (text && !all.some((m) => m.model === text)) r.push({ kind: "custom", name: text });
    return r;
  }, [found, all, text]);

  useEffect(() => setActive(0), [text]);

  function pick(row: Row | undefined) {
    if (!row) return;
    props.onSelect(row.kind === "model" ? row.model.model : row.name);
  }

  function move(delta: number) {
    if (rows.length === 0) return;
    const next = (active + delta + rows.length) % rows.length;
    setActive(next);
    listRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.scrollIntoView?.({ block: "nearest" });
  }

  return (
    <Modal title="Select a model" onClose={props.onClose} wide>
      <input
        className="input"
        type="search"
        role="combobox"
        aria-label="Search models"
        aria-expanded={true}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={rows.length ? `${listId}-${active}` : undefined}
        placeholder="Search models or type a model name…"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            move(1);
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            move(-1);
          } else if (e.key === "Enter") {
            e.preventDefault();
            pick(rows[active]);
          }
        }}
      />
      {props.loading && <Loading label="Loading models…" />}
      {props.error && <ErrorMessage message={"Could not load models: " + props.error} onRetry={props.onRetry} />}
      {!props.loading && !props.error && (
        <p className="muted model-dialog-count" aria-live="polite">
          {all.length === 0
            ? "This provider has no models in the catalog. Type the model name your provider expects."
            : found.length > MAX_ROWS
              ? `Showing ${MAX_ROWS} of ${found.length} models; refine the search to see the rest.`
              : countOf(found.length, all.length, "model")}
        </p>
      )}
      <ul className="model-dialog-list" role="listbox" aria-label="Models" id={listId} ref={listRef}>
        {rows.map((row, i) => (
          <li
            key={row.kind === "model" ? "m:" + row.model.model : "custom"}
            id={`${listId}-${i}`}
            data-index={i}
            role="option"
            aria-labelledby={`${listId}-${i}-name`}
            aria-describedby={row.kind === "model" ? `${listId}-${i}-facts` : undefined}
            aria-selected={row.kind === "model" && row.model.model === props.value}
            className={"model-dialog-option" + (i === active ? " active" : "") + (row.kind === "custom" ? " custom" : "")}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(row)}
          >
            {row.kind === "model" ? (
              <>
                <span className="model-dialog-name" id={`${listId}-${i}-name`}>
                  {row.model.model}
                </span>
                <ModelFacts model={row.model} id={`${listId}-${i}-facts`} />
              </>
            ) : (
              <span className="model-dialog-name" id={`${listId}-${i}-name`}>
                Use "{row.name}" as the model name
              </span>
            )}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
