import { ReactNode, useState } from "react";
import { messageOf } from "../api";
import { Modal } from "./Modal";
import { ErrorMessage } from "./States";

/** Asks before a destructive action; shows the action's error inline and stays open on failure. */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function confirm() {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      props.onDone();
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  }
  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={confirm} disabled={busy}>
            {busy ? "Deleting…" : props.confirmLabel}
          </button>
        </>
      }
    >
      {props.children}
      {error && <ErrorMessage message={error} />}
    </Modal>
  );
}
