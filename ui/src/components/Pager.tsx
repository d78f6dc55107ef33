import { useId } from "react";

/** Where a page of a list starts and ends: "26–50 of 500", "0 of 0". */
export function pageRange(page: number, size: number, total: number): string {
  if (total === 0) return "0 of 0";
  const first = (page - 1) * size + 1;
  return `${first}–${Math.min(total, page * size)} of ${total}`;
}

/** The number of pages of `size` rows that `total` rows fill (at least one). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** A list's paging controls: rows per page, which rows are shown, previous and next. */
export function Pager(props: {
  /** 1-based, already within 1..pageCount. */
  page: number;
  size: number;
  sizes: number[];
  total: number;
  onPage: (page: number) => void;
  onSize: (size: number) => void;
}) {
  const sizeId = useId();
  const pages = pageCount(props.total, props.size);
  return (
    <nav className="list-pager" aria-label="Pages">
      <label htmlFor={sizeId} className="list-pager-size">
        Rows per page
        <select
          id={sizeId}
          className="input"
          value={props.size}
          onChange={(e) => props.onSize(Number(e.target.value))}
        >
          {props.sizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <span className="list-pager-range" aria-live="polite">
        {pageRange(props.page, props.size, props.total)}
        {pages > 1 && <span className="muted"> · page {props.page} of {pages}</span>}
      </span>
      <span className="list-pager-buttons">
        <button
          type="button"
          className="button small"
          aria-label="Previous page"
          disabled={props.page <= 1}
          onClick={() => props.onPage(props.page - 1)}
        >
          ‹ Previous
        </button>
        <button
          type="button"
          className="button small"
          aria-label="Next page"
          disabled={props.page >= pages}
          onClick={() => props.onPage(props.page + 1)}
        >
          Next ›
        </button>
      </span>
    </nav>
  );
}
