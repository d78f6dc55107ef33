import { ReactNode, RefObject } from "react";
import { countOf } from "../format";
import { SearchBox } from "./Fields";

/** A list page's toolbar: the search box, any filters, and how many rows are shown. */
export function ListToolbar(props: {
  searchLabel: string;
  search: string;
  onSearch: (search: string) => void;
  searchRef?: RefObject<HTMLInputElement | null>;
  shown: number;
  /** How many rows there are; undefined (no count shown) while they load. */
  total: number | undefined;
  noun: string;
  children?: ReactNode;
}) {
  return (
    <div className="toolbar list-toolbar">
      <SearchBox label={props.searchLabel} value={props.search} onChange={props.onSearch} inputRef={props.searchRef} />
      {props.children}
      {props.total !== undefined && props.total > 0 && (
        <span className="toolbar-count muted" aria-live="polite">
          {countOf(props.shown, props.total, props.noun)}
        </span>
      )}
    </div>
  );
}
