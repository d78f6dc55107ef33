import { Endpoint, fallbacks, Mapping, percentages, primaries } from "../api";
import { FallbackDraft, fallbackRowId, MAX_ATTEMPTS_ID, parseMaxAttempts } from "./FallbackEditor";
import { FieldProblem } from "./FormErrors";
import { targetIdentity, targetProblemAt, TargetDraft } from "./TargetFields";
import { parsePercent, SPLIT_TOTAL_ID, splitRowId, splitTotal } from "./TrafficSplitEditor";

// The endpoint details page's draft (traffic split and fallbacks as typed), made from the stored
// endpoint, compared with it, and checked: each problem names the control it belongs to.

export interface Draft {
  split: TargetDraft[];
  fallback: FallbackDraft;
}

function rowFrom(m: Mapping, percent: string): TargetDraft {
  const d = m.model_definition;
  return {
    rowId: m.mapping_id,
    provider: d?.provider,
    model: d?.model_name,
    key: d?.secret_id ? { kind: "existing", secretId: d.secret_id } : undefined,
    percent,
    original: {
      definitionId: m.model_definition_id,
      provider: d?.provider,
      model: d?.model_name,
      secretId: d?.secret_id,
      secretName: d?.secret_name,
    },
  };
}

export function draftFrom(endpoint: Endpoint): Draft {
  const prim = primaries(endpoint);
  const pct = percentages(prim);
  const fb = fallbacks(endpoint);
  return {
    split: prim.map((m, i) => rowFrom(m, String(pct[i]))),
    fallback: {
      rows: fb.map((m) => rowFrom(m, "")),
      maxAttempts: String(endpoint.fallback_config?.max_attempts || fb.length),
    },
  };
}

/** What a draft means, without row ids: two drafts that say the same thing compare equal. */
export function meaning(d: Draft): string {
  const row = (r: TargetDraft, withPercent: boolean) => [
    r.provider ?? null,
    r.model ?? null,
    r.key ?? null,
    withPercent ? r.percent.trim() : null,
  ];
  return JSON.stringify({
    split: d.split.map((r) => row(r, true)),
    fallback: d.fallback.rows.map((r) => row(r, false)),
    max: d.fallback.rows.length > 0 ? d.fallback.maxAttempts.trim() : null,
  });
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A row's missing provider, model or key, at that control. */
function rowProblem(r: TargetDraft, noun: string, idPrefix: string): FieldProblem[] {
  const p = targetProblemAt(r);
  return p ? [{ fieldId: `${idPrefix}-${p.field}`, message: `${noun}: ${p.text}`, atField: capitalised(p.text) }] : [];
}

/** Rows that resolve to the same model definition: the later one's key control says so. */
function duplicates(rows: TargetDraft[], noun: string, idOf: (r: TargetDraft) => string): FieldProblem[] {
  const seen = new Map<string, number>();
  const problems: FieldProblem[] = [];
  rows.forEach((r, i) => {
    if (targetProblemAt(r)) return;
    const id = targetIdentity(r);
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
      return;
    }
    problems.push({
      fieldId: idOf(r) + "-key",
      message: `${noun} ${first + 1} and ${noun} ${i + 1} are the same model with the same API key`,
      atField: `Same model and API key as ${noun.toLowerCase()} ${first + 1}`,
    });
  });
  return problems;
}

/** Every problem of the draft, in the page's order (traffic split, then fallbacks). */
export function problemsOf(d: Draft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  d.split.forEach((r, i) => {
    problems.push(...rowProblem(r, `Model ${i + 1}`, splitRowId(r)));
    if (parsePercent(r.percent) === undefined) {
      problems.push({
        fieldId: splitRowId(r) + "-percent",
        message: `Model ${i + 1}: the percentage must be a whole number from 1 to 100`,
        atField: "A whole number from 1 to 100",
      });
    }
  });
  const total = splitTotal(d.split);
  if (total !== 100 && d.split.length > 0) {
    problems.push({
      fieldId: SPLIT_TOTAL_ID,
      focusId: splitRowId(d.split[0]) + "-percent",
      message: `The traffic split must total 100% (now ${total}%)`,
    });
  }
  problems.push(...duplicates(d.split, "Model", splitRowId));
  d.fallback.rows.forEach((r, i) => problems.push(...rowProblem(r, `Fallback ${i + 1}`, fallbackRowId(r))));
  problems.push(...duplicates(d.fallback.rows, "Fallback", fallbackRowId));
  const count = d.fallback.rows.length;
  if (count > 0 && parseMaxAttempts(d.fallback.maxAttempts, count) === undefined) {
    problems.push({ fieldId: MAX_ATTEMPTS_ID, message: `Max attempts must be from 1 to ${count}` });
  }
  // Two new keys drafted with one name: the later row's key control says so.
  const named = new Map<string, true>();
  for (const r of [...d.split, ...d.fallback.rows]) {
    if (r.key?.kind !== "new") continue;
    const name = r.key.draft.name;
    if (!named.has(name)) {
      named.set(name, true);
      continue;
    }
    const fieldId = (d.split.includes(r) ? splitRowId(r) : fallbackRowId(r)) + "-key";
    problems.push({
      fieldId,
      message: `Two new API keys are both named "${name}"`,
      atField: `Another new API key is also named "${name}"`,
    });
  }
  return problems;
}
