import { useEffect, useMemo, useRef, useState } from "react";
import {
  api,
  ApiError,
  Endpoint,
  messageOf,
  ModelConfig,
  ModelDefinition,
  Secret,
  uniqueDefinitionName,
} from "../api";
import { createSecretFromDraft } from "./ApiKeyConfigurator";
import { Draft, draftFrom, meaning, problemsOf } from "./endpointDraft";
import { FallbackEditor, parseMaxAttempts } from "./FallbackEditor";
import { ErrorSummary, errorsByField, problemCount } from "./FormErrors";
import { ErrorMessage } from "./States";
import { isUnchanged, TargetDraft, useSecrets } from "./TargetFields";
import { parsePercent, TrafficSplitEditor } from "./TrafficSplitEditor";

// The traffic split and fallback editors of the endpoint details page, saved together: new keys,
// then model definitions, then one endpoints/update. If the endpoint turns out to have been deleted
// elsewhere meanwhile, what this save created is removed again, so nothing is left behind.

/** Whether the endpoint no longer exists (endpoints/get answers 404). */
export async function endpointGone(endpointId: string): Promise<boolean> {
  try {
    await api.getEndpoint(endpointId);
    return false;
  } catch (e) {
    return e instanceof ApiError && e.status === 404;
  }
}

/** Whether a failed write was refused because the endpoint was deleted elsewhere. */
export async function failedAsDeleted(e: unknown, endpointId: string): Promise<boolean> {
  return e instanceof ApiError && e.status === 404 && (await endpointGone(endpointId));
}

/** What one save created, removed again when the save cannot complete; the names it could not remove. */
async function removeCreated(created: { definitions: ModelDefinition[]; secrets: Secret[] }): Promise<string[]> {
  const left: string[] = [];
  // Definitions first: they point at the keys.
  for (const d of created.definitions) {
    await api.deleteModelDefinition(d.model_definition_id).catch(() => left.push(`model definition "${d.name}"`));
  }
  for (const s of created.secrets) {
    await api.deleteSecret(s.secret_id).catch(() => left.push(`API key "${s.secret_name}"`));
  }
  return left;
}

export function EndpointEditor(props: {
  endpoint: Endpoint;
  onSaved: (e: Endpoint) => void;
  /** Told whether the draft differs from what is stored, whenever that changes. */
  onDirty: (dirty: boolean) => void;
  /** The endpoint was deleted elsewhere; `left` names what this save created and could not remove. */
  onGone: (left: string[]) => void;
  /** The endpoint is gone: nothing can be saved any more. */
  gone: boolean;
}) {
  const { endpoint, onDirty } = props;
  const [baseline, setBaseline] = useState(() => draftFrom(endpoint));
  const [draft, setDraft] = useState(baseline);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  const allRows = [...draft.split, ...draft.fallback.rows];
  const secrets = useSecrets(allRows.map((r) => r.provider));
  const dirty = meaning(draft) !== meaning(baseline);
  const problems = useMemo(() => (dirty ? problemsOf(draft) : []), [draft, dirty]);
  const errors = useMemo(() => errorsByField(problems), [problems]);
  const locked = saving || props.gone;

  useEffect(() => onDirty(dirty && !props.gone), [dirty, props.gone, onDirty]);

  function edit(next: Draft) {
    setDraft(next);
    setSaved(false);
    setError(undefined);
  }

  const draftedKeyNames = (rowId: string) =>
    allRows.flatMap((r) => (r.rowId !== rowId && r.key?.kind === "new" ? [r.key.draft.name] : []));

  /** Replaces one row's key everywhere in the live draft (after its secret was created). */
  function setRowKey(rowId: string, secretId: string) {
    const fix = (rows: TargetDraft[]) =>
      rows.map((r) => (r.rowId === rowId ? { ...r, key: { kind: "existing" as const, secretId } } : r));
    setDraft((d) => ({ split: fix(d.split), fallback: { ...d.fallback, rows: fix(d.fallback.rows) } }));
  }

  async function save() {
    if (problems.length > 0 || locked) return;
    setSaving(true);
    setError(undefined);
    setSaved(false);
    // The editors are disabled while saving, so this snapshot is what gets saved.
    const current = draftRef.current;
    const created = { definitions: [] as ModelDefinition[], secrets: [] as Secret[] };
    try {
      // 1. New API keys. Each created key replaces its draft at once, so a retry after a later
      //    failure reuses it instead of creating it twice.
      const keyOf = new Map<string, string>();
      for (const row of [...current.split, ...current.fallback.rows]) {
        if (row.key?.kind === "existing") keyOf.set(row.rowId, row.key.secretId);
        if (row.key?.kind !== "new" || !row.provider) continue;
        const secret = await createSecretFromDraft(row.provider, row.key.draft);
        created.secrets.push(secret);
        secrets.add(row.provider, secret);
        setRowKey(row.rowId, secret.secret_id);
        keyOf.set(row.rowId, secret.secret_id);
      }

      // 2. Model definitions: the stored one when a row is unchanged, else an existing definition
      //    with the same provider, model and key, else a new one.
      let definitions: ModelDefinition[] | undefined;
      const definitionFor = async (row: TargetDraft): Promise<string> => {
        if (isUnchanged(row)) return row.original!.definitionId;
        const secretId = keyOf.get(row.rowId)!;
        definitions ??= await api.listModelDefinitions();
        const found = definitions.find(
          (d) => d.provider === row.provider && d.model_name === row.model && d.secret_id === secretId,
        );
        if (found) return found.model_definition_id;
        const definition = await api.createModelDefinition({
          name: uniqueDefinitionName(endpoint.name, row.model!, new Set(definitions.map((d) => d.name))),
          secret_id: secretId,
          provider: row.provider!,
          model_name: row.model!,
        });
        created.definitions.push(definition);
        definitions.push(definition);
        return definition.model_definition_id;
      };
      const modelConfigs: ModelConfig[] = [];
      for (const row of current.split) {
        modelConfigs.push({
          model_definition_id: await definitionFor(row),
          linkage_type: "PRIMARY",
          weight: parsePercent(row.percent)!,
        });
      }
      for (const [i, row] of current.fallback.rows.entries()) {
        modelConfigs.push({ model_definition_id: await definitionFor(row), linkage_type: "FALLBACK", fallback_order: i });
      }

      // 3. One update replaces every mapping; the gateway applies it to the next request.
      const count = current.fallback.rows.length;
      await api.updateEndpoint({
        endpoint_id: endpoint.endpoint_id,
        model_configs: modelConfigs,
        fallback_config:
          count > 0
            ? { strategy: "SEQUENTIAL", max_attempts: parseMaxAttempts(current.fallback.maxAttempts, count)! }
            : undefined,
      });

      // 4. Show what the server now has (it keeps the models in the order they were sent).
      const fresh = await api.getEndpoint(endpoint.endpoint_id);
      const next = draftFrom(fresh);
      setBaseline(next);
      setDraft(next);
      setSaved(true);
      props.onSaved(fresh);
    } catch (e) {
      if (await failedAsDeleted(e, endpoint.endpoint_id)) {
        props.onGone(await removeCreated(created));
      } else {
        setError(messageOf(e));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="details-editor">
      <ErrorSummary id="details-problems" problems={problems} action="save the changes" />
      <TrafficSplitEditor
        rows={draft.split}
        onChange={(split) => edit({ ...draft, split })}
        secrets={secrets}
        draftedKeyNames={draftedKeyNames}
        disabled={locked}
        errors={errors}
      />
      <FallbackEditor
        value={draft.fallback}
        onChange={(fallback) => edit({ ...draft, fallback })}
        secrets={secrets}
        draftedKeyNames={draftedKeyNames}
        disabled={locked}
        errors={errors}
      />
      <div className="details-savebar">
        <div className="details-savebar-status" aria-live="polite">
          {saving && <span className="muted">Saving…</span>}
          {!saving && saved && !dirty && (
            <span className="details-success" role="status">
              Saved — changes are live
            </span>
          )}
          {!saving && dirty && problems.length > 0 && (
            <span className="field-error">{problemCount(problems.length)} to fix, listed above</span>
          )}
          {!saving && dirty && problems.length === 0 && !props.gone && <span className="muted">Unsaved changes</span>}
          {!saving && !dirty && !saved && <span className="muted">No unsaved changes</span>}
        </div>
        <button
          type="button"
          className="button"
          disabled={!dirty || locked}
          onClick={() => {
            setDraft(baseline);
            setError(undefined);
          }}
        >
          Discard changes
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!dirty || locked || problems.length > 0}
          onClick={save}
        >
          {saving ? "Saving…" : "Save changes"}
        </button>
      </div>
      {error && <ErrorMessage message={"Not saved: " + error} />}
    </div>
  );
}
