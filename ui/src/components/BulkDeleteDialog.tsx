import { useState } from "react";
import { api, Endpoint, messageOf } from "../api";
import { plural } from "../format";
import { Modal } from "./Modal";

// Deleting several endpoints with one confirmation: the dialog names how many and which, deletes
// them (a few at a time), and if any could not be deleted stays open to say which and why.

/** How many deletes run at once: enough to be quick, few enough not to crowd the gateway. */
const AT_ONCE = 4;

interface Failure {
  endpoint: Endpoint;
  message: string;
}

export function BulkDeleteDialog(props: {
  endpoints: Endpoint[];
  onClose: () => void;
  /** Called once every delete has answered, with the ids that were deleted and how many were not. */
  onDeleted: (ids: string[], failed: number) => void;
}) {
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState(0);
  const [failures, setFailures] = useState<Failure[]>();
  const count = props.endpoints.length;
  const title = "Delete " + plural(count, "endpoint");

  async function run() {
    setRunning(true);
    const queue = [...props.endpoints];
    const deleted: string[] = [];
    const failed: Failure[] = [];
    const worker = async () => {
      for (let e = queue.shift(); e; e = queue.shift()) {
        try {
          await api.deleteEndpoint(e.endpoint_id);
          deleted.push(e.endpoint_id);
        } catch (error) {
          failed.push({ endpoint: e, message: messageOf(error) });
        }
        setDone((n) => n + 1);
      }
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, count) }, worker));
    setRunning(false);
    props.onDeleted(deleted, failed.length);
    if (failed.length === 0) props.onClose();
    else setFailures(failed.sort((a, b) => a.endpoint.name.localeCompare(b.endpoint.name)));
  }

  if (failures) {
    const deleted = count - failures.length;
    return (
      <Modal
        title={title}
        onClose={props.onClose}
        footer={
          <button type="button" className="button" onClick={props.onClose}>
            Done
          </button>
        }
      >
        <div role="alert">
          <p>
            {deleted > 0 ? `Deleted ${deleted} of ${count}. ` : ""}
            {failures.length === 1 ? "One endpoint" : `${failures.length} endpoints`} could not be deleted:
          </p>
          <ul className="list-bulk-names list-bulk-failures">
            {failures.map((f) => (
              <li key={f.endpoint.endpoint_id}>
                <strong>{f.endpoint.name}</strong>: {f.message}
              </li>
            ))}
          </ul>
        </div>
      </Modal>
    );
  }

  return (
    <Modal
      title={title}
      onClose={() => !running && props.onClose()}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose} disabled={running}>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={run} disabled={running}>
            {running ? `Deleting… ${done} of ${count}` : title}
          </button>
        </>
      }
    >
      <p>
        Delete {count === 1 ? "this endpoint" : `these ${count} endpoints`}? They are removed from service at once:
        applications calling them will receive errors. Their models and API keys are kept.
      </p>
      <ul className="list-bulk-names" aria-label="Endpoints to delete">
        {props.endpoints.map((e) => (
          <li key={e.endpoint_id}>{e.name}</li>
        ))}
      </ul>
    </Modal>
  );
}
