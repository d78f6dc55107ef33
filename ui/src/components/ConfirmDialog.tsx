import { ReactNode, useState } from "react";
import { messageOf } from "../api";
import { Modal } from "./Modal";
import { ErrorMessage } from "./States";

/** Asks before a destructive (or weighty) action; shows the action's error inline and stays open on failure. */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The confirm button's label while the action runs; "Deleting…" unless told. */
  busyLabel?: string;
  /** "primary" for an action that destroys nothing (the button is then not red). */
  tone?: "danger" | "primary";
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
          <button type="button" className={"button " + (props.tone ?? "danger")} onClick={confirm} disabled={busy}>
            {busy ? (props.busyLabel ?? "Deleting…") : props.confirmLabel}
          </button>
        </>
      }
    >
      {props.children}
      {error && <ErrorMessage message={error} />}
    </Modal>
  );
}
