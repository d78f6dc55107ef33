import { useCallback, useState } from "react";
import { PopoverButton } from "./Popover";

// Which optional columns of a table are shown, chosen in a "Columns" popover and remembered in this
// browser (localStorage), per table.

export interface OptionalColumn<K extends string> {
  id: K;
  label: string;
}

/** The hidden columns of the table stored under `storageKey`, and a setter that remembers them. */
export function useHiddenColumns<K extends string>(
  storageKey: string,
  columns: OptionalColumn<K>[],
): [Set<K>, (id: K, shown: boolean) => void] {
  const [hidden, setHidden] = useState<Set<K>>(() => readHidden(storageKey, columns));
  const setShown = useCallback(
    (id: K, shown: boolean) =>
      setHidden((current) => {
        const next = new Set(current);
        if (shown) next.delete(id);
        else next.add(id);
        try {
          window.localStorage.setItem(storageKey, JSON.stringify([...next]));
        } catch {
          // Storage full or refused (private mode): the choice holds for this page only.
        }
        return next;
      }),
    [storageKey],
  );
  return [hidden, setShown];
}

function readHidden<K extends string>(storageKey: string, columns: OptionalColumn<K>[]): Set<K> {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? "[]");
    if (!Array.isArray(stored)) return new Set();
    return new Set(columns.map((c) => c.id).filter((id) => stored.includes(id)));
  } catch {
    return new Set();
  }
}

export function ColumnChooser<K extends string>(props: {
  columns: OptionalColumn<K>[];
  hidden: Set<K>;
  onChange: (id: K, shown: boolean) => void;
}) {
  const count = props.hidden.size;
  return (
    <PopoverButton
      ariaLabel={count > 0 ? `Columns, ${count} hidden` : "Columns"}
      groupLabel="Columns shown"
      active={count > 0}
      alignEnd
      content={props.columns.map((c) => (
        <label key={c.id}>
          <input type="checkbox" checked={!props.hidden.has(c.id)} onChange={(e) => props.onChange(c.id, e.target.checked)} />
          {c.label}
        </label>
      ))}
    >
      Columns
    </PopoverButton>
  );
}
