import { ReactNode, RefObject } from "react";

/** A field's label; a required field's is starred (the star is hidden from screen readers). */
export function FieldLabel(props: { htmlFor: string; required?: boolean; children: ReactNode }) {
  return (
    <label htmlFor={props.htmlFor}>
      {props.children}
      {props.required && (
        <span className="required" aria-hidden="true">
          *
        </span>
      )}
    </label>
  );
}

/** A search box labelled by its placeholder text ("Search API keys"). */
export function SearchBox(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
  onKeyDown?: (e: React.KeyboardEvent<HTMLInputElement>) => void;
}) {
  return (
    <input
      ref={props.inputRef}
      type="search"
      className="input"
      aria-label={props.label}
      placeholder={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      onKeyDown={props.onKeyDown}
    />
  );
}
