import { FormEvent, useId, useState } from "react";
import { useProviderConfig } from "../catalog";
import { CredentialFields, draftProblems, NewKeyDraft } from "./ApiKeyConfigurator";
import { FormButtons, Modal } from "./Modal";
import { ErrorMessage } from "./States";

// The dialog in which a traffic split or fallback row of the endpoint details page drafts a new
// API key; the key is created when the endpoint is saved.

/** A new API key for one row, kept as a draft until the endpoint is saved. */
export function NewKeyDialog(props: {
  provider: string;
  providerName: string;
  initial: NewKeyDraft;
  takenNames: string[];
  idPrefix: string;
  onClose: () => void;
  onDone: (draft: NewKeyDraft) => void;
}) {
  const formId = useId();
  const [draft, setDraft] = useState(props.initial);
  const [tried, setTried] = useState(false);
  const providerConfig = useProviderConfig(props.provider);
  const name = draft.name.trim();
  const problems = draftProblems(providerConfig, draft, { requireName: true });
  if (name && props.takenNames.includes(name)) {
    problems.unshift({ field: "name", message: `An API key named "${name}" already exists` });
  }
  // Shown once the user tried to use the key: each at its field, the form's own below the fields.
  const errors = tried ? Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])) : {};
  const formProblem = problems.find((p) => !p.field)?.message;

  function submit(e: FormEvent) {
    e.preventDefault();
    setTried(true);
    if (problems.length === 0) props.onDone({ ...draft, name });
  }

  return (
    <Modal
      title={"New API key for " + props.providerName}
      onClose={props.onClose}
      footer={
        <FormButtons
          formId={formId}
          submitLabel="Use this key"
          onCancel={props.onClose}
          submitDisabled={!providerConfig.config}
        />
      }
    >
      <p className="muted">
        The key is stored (encrypted) when you save the endpoint, and can then be reused by other endpoints.
      </p>
      <form id={formId} onSubmit={submit} noValidate>
        <CredentialFields
          provider={props.provider}
          draft={draft}
          onChange={setDraft}
          showName
          idPrefix={props.idPrefix}
          errors={errors}
        />
      </form>
      {tried && formProblem && <ErrorMessage message={formProblem} />}
    </Modal>
  );
}
